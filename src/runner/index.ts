// The spec runner (being built): loads spec files and runs each against a fresh embedded cluster.
import type { RunResult, SpecResult } from './result';

export interface RunOptions {
  /** Seed for every spec's cluster unless the spec sets `cluster.seed` (default 1). */
  seed?: number;
  /** Only specs whose name contains this text (or matches /regex/). */
  filter?: string;
  /** Stop after the first failing spec. */
  bail?: boolean;
  /** A student's folder: relative manifest paths resolve here first. */
  submission?: string;
  /** Called as each spec finishes. */
  onSpecResult?(spec: SpecResult): void;
}

/** Run every spec in `paths` (files or folders of `*.spec.yaml`). */
export async function runSpecs(_paths: string[], _opts: RunOptions = {}): Promise<RunResult> {
  throw new Error('runner not built yet');
}
