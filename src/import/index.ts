// `kubespec import kuttl|chainsaw DIR`: a test suite of another tool written as kubespec specs (one
// `*.spec.yaml` per test, beside the suite or in `out`), with a comment in the spec for every
// construct that has no equivalent and a line for each on stderr. The steps name the suite's own
// files (the spec's `manifests:` is the suite folder), so an assert file stays one file.
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../cli/io';
import { YamlError } from '../manifest/yaml';
import { msg } from '../i18n';
import { importMessages as m } from '../i18n/messages/import';
import { TOOL_NAMES, writeSpecs, type Note, type SpecDraft, type Tool, type WriteResult } from './common';

export interface ImportOptions {
  /** Where the specs go (default: the suite folder). */
  out?: string;
  /** Overwrite spec files that exist. */
  force?: boolean;
  /** The working folder paths are shown relative to. */
  cwd: string;
}

export interface ImportResult extends WriteResult {
  /** Every construct not converted, each once (the suite's own once, not per spec). */
  notes: Note[];
  out: string;
}

export const TOOLS: readonly Tool[] = ['kuttl', 'chainsaw'];

export async function importSuite(tool: string, dir: string, opts: ImportOptions): Promise<ImportResult> {
  if (!(TOOLS as readonly string[]).includes(tool)) throw new UsageError(msg(m.unknownTool, { tool }));
  const abs = path.resolve(opts.cwd, dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(msg(m.noFolder, { dir }), false);
  let drafts: SpecDraft[];
  let root: string;
  const notes: Note[] = [];
  try {
    if (tool === 'kuttl') {
      const r = (await import('./kuttl')).importKuttl(abs, dir);
      drafts = r.drafts;
      root = r.root;
      notes.push(...r.suiteNotes.list);
    } else {
      const r = (await import('./chainsaw')).importChainsaw(abs, dir);
      drafts = r.drafts;
      root = r.root;
    }
  } catch (e) {
    // A suite file that does not parse: one line, its place relative to the working folder.
    if (!(e instanceof YamlError)) throw e;
    const file = path.relative(opts.cwd, e.position.file) || e.position.file;
    throw new UsageError(`${file}:${e.position.line}:${e.position.column}: ${msg(m.invalidYaml, { message: e.message })}`, false);
  }
  for (const d of drafts) notes.push(...d.notes);
  // A test with nothing kubespec can run is still a spec, skipped, saying so.
  for (const d of drafts) if (d.steps.length === 0) Object.assign(d, { skip: d.skip ?? msg(m.nothingConverted, { tool: TOOL_NAMES[tool as Tool] }), steps: [{ comments: [], step: { wait: '0s' } }] });
  const out = path.resolve(opts.cwd, opts.out ?? dir);
  return { ...writeSpecs(drafts, out, root, opts.force === true, opts.cwd), notes, out };
}
