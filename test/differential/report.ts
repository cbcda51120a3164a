// `npm run differential`: runs the whole corpus through the harness and prints one line per
// command (= identical, ≠ different), then every difference in full and the identical/total count.
import { CORPUS, corpusSize } from './corpus';
import { normalise, runScenario, type Row } from './harness';

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: Row[] = [];
  for (const s of CORPUS) {
    if (only && !s.name.includes(only)) continue;
    rows.push(
      ...(await runScenario(s, 1, (r) => {
        process.stdout.write(`${r.identical ? '=' : '≠'} ${r.id.padEnd(38)} ${r.command}\n`);
      })),
    );
  }
  const diffs = rows.filter((r) => !r.identical);
  for (const r of diffs) {
    process.stdout.write(`\n---- ${r.id}: ${r.command}\n`);
    for (const side of ['emulation', 'real'] as const) {
      const o = r[side];
      process.stdout.write(`[${side}] exit ${o.code}\n${normalise(o.stdout)}${o.stderr ? `[${side} stderr]\n${normalise(o.stderr)}` : ''}\n`);
    }
  }
  process.stdout.write(`\nidentical: ${rows.length - diffs.length}/${rows.length} (corpus: ${corpusSize()} command lines)\n`);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`differential: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
