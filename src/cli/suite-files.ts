// What a spec suite reads from a submission, per spec: printed by `kubespec files` and `grade
// --list-files` (so a course can tell students what to hand in), and used by `grade` to warn about
// a spec that reads no student file at all (every student gets its points, whatever they hand in).
import * as path from 'path';
import { listSpecFiles } from '../grade/files';
import { loadSpecFile, type LoadOptions } from '../spec/loader';
import { specFiles } from '../spec/step-files';
import { oneLine } from '../report/text';
import { msg } from '../i18n';
import { cliMessages as m } from '../i18n/messages/cli';

export interface SpecFiles {
  /** The spec file, as the runner names it. */
  file: string;
  name: string;
  points: number;
  /** The manifests its steps name, once each, in order; empty when it reads none. */
  files: string[];
}

export interface SuiteFiles {
  specs: SpecFiles[];
  /** Spec files that did not load (their problems are `validate`'s to show). */
  broken: string[];
}

/** The files each spec under `paths` reads (`load`: as the run will load the specs). */
export function suiteFiles(paths: string[], load: LoadOptions = {}): SuiteFiles {
  const specs: SpecFiles[] = [];
  const broken: string[] = [];
  for (const file of listSpecFiles(paths)) {
    const loaded = loadSpecFile(path.resolve(file), file, load);
    for (const doc of loaded.documents) {
      if (!doc.ok) {
        if (!broken.includes(file)) broken.push(file);
        continue;
      }
      specs.push({ file, name: doc.spec.name, points: doc.spec.points, files: specFiles(doc.spec) });
    }
  }
  return { specs, broken };
}

/** The listing: each spec file, its specs and their files, then every file a student hands in. */
export function renderSuiteFiles(suite: SuiteFiles): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const s of suite.specs) {
    if (s.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(oneLine(s.file));
      current = s.file;
    }
    lines.push(`  ${oneLine(s.name)}: ${s.files.length ? s.files.map(oneLine).join(', ') : msg(m.readsNoFile)}`);
  }
  const all = [...new Set(suite.specs.flatMap((s) => s.files))];
  lines.push('', all.length ? msg(m.handIn, { files: all.map(oneLine).join(', ') }) : msg(m.handInNothing));
  for (const b of suite.broken) lines.push(msg(m.notListed, { file: oneLine(b) }));
  return `${lines.join('\n')}\n`;
}

/** One warning line per spec that reads no student file and is worth points. */
export function freePointWarnings(suite: SuiteFiles): string[] {
  return suite.specs
    .filter((s) => s.files.length === 0 && s.points > 0)
    .map((s) => msg(m.freePoints, { file: oneLine(s.file), name: oneLine(s.name), points: s.points }));
}
