// What an action needs (the cluster, where files may be read from) and what it produces (output,
// or an error message as kubectl would print it).
import * as path from 'path';
import type { Cluster, SettleOptions } from '../../cluster/cluster';
import { StatusError, renderFieldError } from '../../apiserver/errors';
import { FileAccessError } from '../../manifest/files';
import { YamlError } from '../../manifest/yaml';

export interface ActionContext {
  cluster: Cluster;
  /** Folders relative paths resolve in, in order: the submission (if any), then the spec's folder. */
  roots: string[];
  /** The spec file as displayed (for inline manifests' names). */
  specFile: string;
  /** Largest manifest file read (default 1 MiB). */
  maxFileBytes: number;
  /** Options for the settling a `wait` does (state callback, budgets). */
  settle: SettleOptions;
}

/** What an action did. */
export interface ActionOutcome {
  /** What kubectl would print on success (`deployment.apps/x created`). */
  output: string;
  /** The action failed: the message, as kubectl would print it. */
  error?: string;
  /** kubectl steps only: the command's exit code and its stderr. */
  exitCode?: number;
  stderr?: string;
}

/** A client-side failure of an action, with a message ready to print. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

/**
 * Where relative manifest paths resolve: the submission first, then the spec's folder (the format's
 * rule). With `submissionOnly` (grading), only the submission: a file a student did not hand in
 * must fail, not be taken from the instructor's copy beside the spec.
 */
export function defaultRoots(specDir: string, submission?: string, submissionOnly = false): string[] {
  if (!submission) return [specDir];
  return submissionOnly ? [path.resolve(submission)] : [path.resolve(submission), specDir];
}

/**
 * How kubectl prints an error (cmdutil.CheckErr): `The Service "x" is invalid: spec.ports[0].port:
 * Required value`, `Error from server (NotFound): pods "x" not found`, `error: ...`. With a source,
 * as cmdutil.AddSourceToErr: `error when creating "x.yaml": ...`.
 */
export function renderError(e: unknown, verb?: string, source?: string): string {
  const where = source && verb ? `error when ${verb} ${JSON.stringify(source)}: ` : '';
  if (e instanceof StatusError) {
    if (e.reason === 'Invalid') {
      const head = e.kind || e.objectName ? `The ${e.kind ?? ''} ${JSON.stringify(e.objectName ?? '')} is invalid` : 'The request is invalid';
      const causes = [...new Set(e.causes.map(renderFieldError))];
      if (!causes.length) return head;
      return causes.length === 1 ? `${head}: ${causes[0]}` : `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    return `Error from server (${e.reason}): ${where}${e.message}`;
  }
  if (e instanceof YamlError) return `error: ${e.toString()}`;
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof FileAccessError || e instanceof ActionError) return msg.startsWith('error: ') ? msg : `error: ${where}${msg}`;
  return `error: ${where}${msg}`;
}

/** Errors that an action reports as its failure; anything else is a bug and propagates. */
export function isActionFailure(e: unknown): boolean {
  return e instanceof StatusError || e instanceof ActionError || e instanceof FileAccessError || e instanceof YamlError;
}
