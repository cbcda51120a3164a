// A strict TAP 14 reader for the TAP reporter's tests (testanything.org/tap-version-14-specification):
// the version line first, exactly one plan (first or last) matching the test points, numbers
// 1..N in order, YAML diagnostics blocks that parse, commented subtests (4 spaces deeper) closed by a
// test point whose description matches the subtest's name, and no line it does not understand.
import { parse as parseYamlText } from 'yaml';

export interface TapPoint {
  ok: boolean;
  id: number;
  description: string;
  directive?: { kind: 'skip' | 'todo'; reason: string };
  diag?: unknown;
  subtest?: TapDoc;
}

export interface TapDoc {
  plan: number;
  points: TapPoint[];
  comments: string[];
}

export class TapSyntaxError extends Error {}

/** The description with `\#` and `\\` unescaped, and the directive split off (first unescaped ` # `). */
function splitDescription(rest: string): { description: string; directive?: TapPoint['directive'] } {
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\' && (rest[i + 1] === '\\' || rest[i + 1] === '#')) {
      out += rest[i + 1];
      i++;
      continue;
    }
    if (c === '#' && rest[i - 1] === ' ') {
      const d = /^#\s*(SKIP|TODO)\S*\s*(.*)$/i.exec(rest.slice(i));
      if (d) return { description: out.replace(/ $/, ''), directive: { kind: d[1].toLowerCase() as 'skip' | 'todo', reason: d[2] } };
    }
    out += c;
  }
  return { description: out };
}

function readDoc(lines: string[], start: number, indent: string, root: boolean): { doc: TapDoc; next: number; subtestName?: string } {
  const doc: TapDoc = { plan: -1, points: [], comments: [] };
  let i = start;
  let planAt = -1;
  if (root) {
    if (lines[i] !== 'TAP version 14') throw new TapSyntaxError(`line ${i + 1}: expected "TAP version 14"`);
    i++;
  }
  let pendingSubtest: { name: string; doc: TapDoc } | undefined;
  while (i < lines.length) {
    const line = lines[i];
    if (line === '' && root && i === lines.length - 1) break;
    if (!line.startsWith(indent) && line.trim() !== '') break; // end of this (sub)document
    const body = line.slice(indent.length);
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (body.startsWith('    ')) {
      // A subtest document.
      const sub = readDoc(lines, i, `${indent}    `, false);
      if (!pendingSubtest) throw new TapSyntaxError(`line ${i + 1}: a subtest without a "# Subtest:" comment`);
      pendingSubtest.doc = sub.doc;
      i = sub.next;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^1\.\.(\d+)(?: # .*)?$/.exec(body))) {
      if (doc.plan >= 0) throw new TapSyntaxError(`line ${i + 1}: a second plan`);
      doc.plan = Number(m[1]);
      planAt = doc.points.length;
      i++;
      continue;
    }
    if ((m = /^# Subtest: (.*)$/.exec(body))) {
      pendingSubtest = { name: m[1], doc: { plan: -1, points: [], comments: [] } };
      i++;
      continue;
    }
    if (body.startsWith('#')) {
      doc.comments.push(body);
      i++;
      continue;
    }
    if ((m = /^(not )?ok (\d+)(?: - (.*))?$/.exec(body))) {
      const { description, directive } = splitDescription(m[3] ?? '');
      const point: TapPoint = { ok: !m[1], id: Number(m[2]), description, directive };
      if (pendingSubtest) {
        if (`${m[3] ?? ''}`.split(' # ')[0] !== pendingSubtest.name) {
          throw new TapSyntaxError(`line ${i + 1}: test point "${m[3]}" does not close subtest "${pendingSubtest.name}"`);
        }
        point.subtest = pendingSubtest.doc;
        pendingSubtest = undefined;
      }
      i++;
      if (lines[i] === `${indent}  ---`) {
        const yamlLines: string[] = [];
        i++;
        while (i < lines.length && lines[i] !== `${indent}  ...`) {
          const l = lines[i];
          if (l !== '' && !l.startsWith(`${indent}  `)) throw new TapSyntaxError(`line ${i + 1}: YAML block line not indented`);
          yamlLines.push(l.slice(indent.length + 2));
          i++;
        }
        if (i >= lines.length) throw new TapSyntaxError('unterminated YAML block');
        i++;
        point.diag = parseYamlText(yamlLines.join('\n'));
      }
      doc.points.push(point);
      continue;
    }
    throw new TapSyntaxError(`line ${i + 1}: not TAP: ${JSON.stringify(line)}`);
  }
  if (doc.plan < 0) throw new TapSyntaxError(`${root ? 'document' : `subtest at line ${start + 1}`}: no plan`);
  if (planAt !== 0 && planAt !== doc.points.length) throw new TapSyntaxError('the plan is neither first nor last');
  if (doc.points.length !== doc.plan) throw new TapSyntaxError(`plan 1..${doc.plan} but ${doc.points.length} test points`);
  doc.points.forEach((p, k) => {
    if (p.id !== k + 1) throw new TapSyntaxError(`test point ${k + 1} numbered ${p.id}`);
  });
  if (pendingSubtest) throw new TapSyntaxError(`subtest "${pendingSubtest.name}" never closed`);
  return { doc, next: i };
}

export function parseTap(text: string): TapDoc {
  const lines = text.split('\n');
  const { doc, next } = readDoc(lines, 0, '', true);
  if (next < lines.length - 1) throw new TapSyntaxError(`line ${next + 1}: trailing content`);
  return doc;
}
