// `kubespec validate`: every spec file loaded and checked (YAML, schema, semantic checks), and every
// manifest a spec names resolved, parsed and checked to be an object the embedded cluster serves,
// without running anything. Problems print as `file:line:column: message (hint)`.
import * as fs from 'fs';
import * as path from 'path';
import { kindInfo } from '../apiserver/kinds';
import { listSpecFiles } from '../grade/files';
import { FileAccessError, readLimited, resolveInside, type ResolvedFile } from '../manifest/files';
import { parseYaml, YamlError, type Position } from '../manifest/yaml';
import { manifestFiles } from '../spec/step-files';
import { strictWarnings } from '../spec/strict';
import { loadSpecFile } from '../spec/loader';
import type { Spec } from '../spec/model';
import { renderProblem } from '../spec/validate';
import { EXIT, UsageError, type CliIO } from './io';
import { neutraliseCommands } from '../report/output';
import { oneLine } from '../report/text';
import { msg } from '../i18n';
import { cliMessages as m } from '../i18n/messages/cli';

export interface ValidateOptions {
  /** Absolute folder the manifests are read from (a student's submission). */
  submission?: string;
  /** With a submission: a manifest missing from it may come from the spec's folder (--spec-manifests). */
  specManifests?: boolean;
  io: CliIO;
  /** stdout is a CI log that runs workflow commands (--ci, GitHub Actions). */
  ci?: boolean;
  /** --strict: also warn about steps a student could pass by shortcut (warnings do not fail). */
  strict?: boolean;
}

/** Largest manifest file read (as the runner reads them). */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Check the spec files under `paths`; print one line per file and per problem; 0 valid, 2 not. */
export function validateSpecs(paths: string[], opts: ValidateOptions): number {
  // Problems quote a submission's file names and YAML: each shows on one line with its control
  // characters visible and, in a CI log, runs no workflow command.
  const io = { ...opts.io, stdout: (t: string) => opts.io.stdout(opts.ci ? neutraliseCommands(t) : t) };
  const files = listSpecFiles(paths);
  if (files.length === 0) throw new UsageError(msg(m.noSpecFiles, { paths: paths.join(', ') }), false);
  let specs = 0;
  let problems = 0;
  let badFiles = 0;
  let warningCount = 0;
  for (const file of files) {
    const loaded = loadSpecFile(path.resolve(file), file);
    const lines: string[] = [];
    const warnings: string[] = [];
    let valid = 0;
    for (const doc of loaded.documents) {
      if (!doc.ok) {
        lines.push(...doc.problems.map(renderProblem));
        problems += doc.problems.length + doc.more;
        if (doc.more > 0) lines.push(msg(m.moreProblems, { file, n: doc.more }));
        continue;
      }
      const found = manifestProblems(doc.spec, opts.submission, opts.specManifests);
      problems += found.length;
      lines.push(...found);
      if (found.length === 0) valid++;
      if (opts.strict) for (const w of strictWarnings(doc.spec)) warnings.push(msg(m.warning, { message: `${w.at.file}:${w.at.line}:${w.at.column}: ${w.message}` }));
    }
    specs += loaded.documents.length;
    const warned = warnings.map((l) => `  ${oneLine(l)}\n`).join('');
    warningCount += warnings.length;
    if (lines.length === 0) io.stdout(`${msg(m.validFile, { file, n: valid })}\n${warned}`);
    else {
      badFiles++;
      io.stdout(`✗ ${file}\n${lines.map((l) => `  ${oneLine(l)}\n`).join('')}${warned}`);
    }
  }
  io.stdout(`\n${problems === 0 ? msg(m.allValid, { files: files.length, specs }) : msg(m.problemsIn, { problems, bad: badFiles, files: files.length })}\n`);
  if (warningCount) io.stdout(`${msg(m.strictWarnings, { n: warningCount })}\n`);
  return problems === 0 ? EXIT.ok : EXIT.usage;
}

/** Problems with the manifests a spec names: missing or unreadable files, bad YAML, unknown kinds. */
export function manifestProblems(spec: Spec, submission?: string, specManifests = false): string[] {
  // As the runner reads them (runner/run-spec.ts resolveStepFile): a submission alone unless
  // --spec-manifests, and a file missing from it said so.
  const roots = submission ? (specManifests ? [submission, spec.dir] : [submission]) : [spec.dir];
  const missing = (file: string) => (submission ? msg(specManifests ? m.missingBesideSpec : m.missingInSubmission, { file }) : undefined);
  const out: string[] = [];
  const problem = (at: Position, message: string) => out.push(`${at.file}:${at.line}:${at.column}: ${message}`);
  for (const step of spec.steps) {
    for (const file of manifestFiles(step)) {
      for (const m of readManifests(roots, file, missing(file))) {
        if (typeof m === 'string') problem(step.actionLocation, `steps[${step.index}]: ${m}`);
        else problem(m.at, m.message);
      }
    }
    const a = step.action;
    if ((a.type === 'apply' || a.type === 'create') && !('files' in a.source) && a.source.text !== undefined) {
      try {
        parseYaml(a.source.text, spec.file);
      } catch (e) {
        if (!(e instanceof YamlError)) throw e;
        problem(a.source.location, msg(m.inlineNotYaml, { index: step.index, message: e.message }));
      }
    }
  }
  return out;
}

type ManifestProblem = string | { at: Position; message: string };

/** Resolve, read and parse one manifest file (a folder: its *.yaml, *.yml, *.json files). */
function readManifests(roots: string[], file: string, missing?: string): ManifestProblem[] {
  let resolved;
  try {
    resolved = resolveInside(roots, file, missing);
  } catch (e) {
    if (e instanceof FileAccessError) return [e.message];
    throw e;
  }
  // Problems inside a manifest name it relative to the working directory, so that it can be opened.
  const shown = (absolute: string) => ({ absolute, display: path.relative(process.cwd(), absolute) || absolute });
  const problems: ManifestProblem[] = [];
  let targets: Pick<ResolvedFile, 'absolute' | 'display'>[] = [shown(resolved.absolute)];
  if (fs.statSync(resolved.absolute).isDirectory()) {
    const names = fs
      .readdirSync(resolved.absolute)
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .sort();
    if (names.length === 0) return [msg(m.folderHoldsNoManifest, { file })];
    targets = [];
    for (const n of names) {
      // Each entry is resolved inside the folder, as apply reads it (spec/actions/manifests.ts): a
      // symbolic link out of the submission was read here, and a folder named x.yaml is skipped.
      try {
        const inner = resolveInside([resolved.absolute], n);
        if (!fs.statSync(inner.absolute).isDirectory()) targets.push(shown(inner.absolute));
      } catch (e) {
        if (!(e instanceof FileAccessError)) throw e;
        problems.push(`${file.replace(/\/+$/, '')}/${e.message}`);
      }
    }
  }
  for (const target of targets) {
    try {
      const docs = parseYaml(readLimited(target, MAX_MANIFEST_BYTES), target.display);
      if (docs.length === 0) problems.push(msg(m.fileHoldsNoObject, { file: target.display }));
      for (const doc of docs) {
        const obj = doc.value as Record<string, any>;
        const where = (key: string) => doc.keyAt([key]);
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
          problems.push({ at: doc.position, message: msg(m.documentNotObject) });
          continue;
        }
        if (typeof obj.kind !== 'string' || !obj.kind) {
          problems.push({ at: doc.position, message: msg(m.kindMissing) });
          continue;
        }
        if (typeof obj.apiVersion !== 'string' || !obj.apiVersion) {
          problems.push({ at: doc.position, message: msg(m.apiVersionMissing) });
          continue;
        }
        const info = kindInfo(obj.kind);
        if (!info || info.kind !== obj.kind) {
          problems.push({ at: where('kind'), message: msg(m.kindNotServed, { kind: JSON.stringify(obj.kind) }) + (info ? msg(m.kindDidYouMean, { kind: JSON.stringify(info.kind) }) : '') });
        } else if (info.apiVersion !== obj.apiVersion) {
          problems.push({ at: where('apiVersion'), message: msg(m.kindInOtherVersion, { kind: JSON.stringify(obj.kind), version: JSON.stringify(obj.apiVersion), name: obj.kind, apiVersion: info.apiVersion }) });
        }
      }
    } catch (e) {
      if (e instanceof YamlError) problems.push({ at: e.position, message: msg(m.invalidYaml, { message: e.message }) });
      else if (e instanceof FileAccessError) problems.push(e.message);
      else throw e;
    }
  }
  return problems;
}
