// The reporters a run writes to: the `--reporter NAME[=FILE]` choices turned into Reporter objects
// from src/report (loaded only when a run needs them), with durations stripped under --no-timings.
import * as fs from 'fs';
import * as path from 'path';
import type { Reporter, ReporterOptions } from '../report/reporter';
import type { RunResult, SpecResult } from '../runner/result';
import { UsageError, type CliIO } from './io';
import type { ReporterChoice } from './options';
import { runWithoutTimings, specWithoutTimings } from './timings';

export interface ReporterSettings {
  io: CliIO;
  color: boolean;
  /** false: durations are zeroed before any reporter sees them (byte-identical output). */
  timings: boolean;
}

type CreateReporters = (choices: ReporterChoice[], options: ReporterOptions & { timings?: boolean }) => Reporter[];

/** One Reporter that fans out to every chosen reporter. */
export function openReporters(choices: ReporterChoice[], settings: ReporterSettings): Reporter {
  const { io, color, timings } = settings;
  const options = { write: io.stdout, color, cwd: io.cwd, timings };
  const reporters = loadCreateReporters()(choices, options);
  return {
    name: choices.map((c) => c.name).join(','),
    onSpecResult(spec: SpecResult) {
      const s = timings ? spec : specWithoutTimings(spec);
      for (const r of reporters) r.onSpecResult?.(s);
    },
    onRunComplete(result: RunResult) {
      const r = timings ? result : runWithoutTimings(result);
      for (const rep of reporters) rep.onRunComplete(r);
    },
  };
}

function loadCreateReporters(): CreateReporters {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = optionalRequire(() => require('../report') as { createReporters?: CreateReporters }, '../report');
  return mod?.createReporters ?? fallbackReporters;
}

/**
 * Load a module that another part of kubespec may not provide yet (`load` requires `id` from the
 * caller's folder); undefined when it is absent, any other error thrown as is.
 */
export function optionalRequire<T>(load: () => T, id: string): T | undefined {
  try {
    return load();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(`'${id}'`)) return undefined;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Minimal reporters used only while src/report/index.ts (createReporters) is not there.

function fallbackReporters(choices: ReporterChoice[], options: ReporterOptions): Reporter[] {
  return choices.map((c) => {
    const write = c.file ? fileWriter(path.resolve(options.cwd, c.file)) : options.write;
    if (c.name === 'json') return { name: 'json', onRunComplete: (r) => write(JSON.stringify(r, null, 2) + '\n') };
    if (c.name === 'pretty') return prettyFallback(write);
    throw new UsageError(`--reporter ${c.name}: unknown reporter (available: pretty, json)`);
  });
}

function fileWriter(file: string): (text: string) => void {
  let first = true;
  return (text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (first) fs.writeFileSync(file, text);
    else fs.appendFileSync(file, text);
    first = false;
  };
}

function prettyFallback(write: (t: string) => void): Reporter {
  return {
    name: 'pretty',
    onSpecResult(spec) {
      const mark = spec.status === 'passed' ? 'PASS' : spec.status === 'failed' ? 'FAIL' : 'ERROR';
      const lines = [`${mark} ${spec.file} › ${spec.name}`];
      if (spec.error) lines.push(`  ${spec.error.message}`);
      for (const step of spec.steps) {
        for (const f of step.failures) {
          const at = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}: ` : '';
          lines.push(`  ✕ ${step.name}`, `    ${at}${f.message}`);
          if (f.diff) lines.push(...f.diff.split('\n').map((l) => `    ${l}`));
        }
      }
      write(lines.join('\n') + '\n');
    },
    onRunComplete(r) {
      const s = r.summary;
      write(`\nSpecs: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.total} total (seed ${r.seed})\n`);
    },
  };
}
