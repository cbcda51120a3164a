// Go's text/tabwriter as kubectl configures it (cli-runtime printers.GetNewTabWriter: minwidth 6,
// tabwidth 4, padding 3, padchar ' ', github.com/liggitt/tabwriter's RememberWidths): every
// tab-terminated cell of a column is padded to the widest cell plus 3 (at least 6); a line's last
// cell is written as is.

export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl get / printers.GetNewTabWriter. */
export const KUBECTL_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };
/** kubectl's describe and rollout history `tabbedString`: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const TABBED_STRING: TabWriterOptions = { minWidth: 0, padding: 2 };

/** Width in runes, as tabwriter counts (utf8.RuneCount). */
function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/**
 * Align rows of cells. `remembered`: the widths kept from earlier flushes of the same writer
 * (kubectl get --watch flushes after each event; a column keeps the widest width it has had). Columns are aligned over consecutive rows that have a cell in that column
 * (a tabwriter "block"); the last cell of a row never pads and never widens its column.
 */
export function formatTable(rows: string[][], opts: TabWriterOptions = KUBECTL_TABWRITER, remembered?: number[]): string {
  const out: string[] = new Array(rows.length);
  const widths: number[][] = rows.map(() => []);
  // Column c of row r is "tab-terminated" when c < rows[r].length - 1. A column's width is computed
  // over each maximal run of consecutive rows in which that column is tab-terminated.
  const maxCols = rows.reduce((m, r) => Math.max(m, r.length - 1), 0);
  for (let c = 0; c < maxCols; c++) {
    let r = 0;
    while (r < rows.length) {
      if (rows[r].length - 1 <= c) {
        r++;
        continue;
      }
      // Go's tabwriter only starts a block for column c within a block of column c-1; with tables
      // whose rows all have the same length this is the same as a run of consecutive rows.
      let end = r;
      let width = opts.minWidth;
      while (end < rows.length && rows[end].length - 1 > c) {
        const w = runeWidth(rows[end][c]) + opts.padding;
        if (w > width) width = w;
        end++;
      }
      // liggitt/tabwriter's RememberWidths (kubectl's writer): a column never narrows across flushes.
      if (remembered) {
        if ((remembered[c] ?? 0) > width) width = remembered[c];
        else remembered[c] = width;
      }
      for (let k = r; k < end; k++) widths[k][c] = width;
      r = end;
    }
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '';
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (c < row.length - 1) line += cell + ' '.repeat(Math.max(0, widths[r][c] - runeWidth(cell)));
      else line += cell;
    }
    out[r] = line;
  }
  return out.length ? out.join('\n') + '\n' : '';
}
