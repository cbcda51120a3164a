// What an action needs (the cluster, where files may be read from) and what it produces (output,
// or an error message as kubectl would print it).
import * as path from 'path';
import type { SettleOptions } from '../../cluster/cluster';
import type { KubeCluster } from '../../cluster/backend';
import { StatusError } from '../../apiserver/errors';
import { FileAccessError, resolveInside, type ResolvedFile } from '../../manifest/files';
import { YamlError, type Position } from '../../manifest/yaml';
import { renderErrors } from '../../kubectl/resources';

export interface ActionContext {
  cluster: KubeCluster;
  /** Folders relative paths resolve in, in order: the submission (if any), then the spec's folder. */
  roots: string[];
  /** The spec file as displayed (for inline manifests' names). */
  specFile: string;
  /** Largest manifest file read (default 1 MiB). */
  maxFileBytes: number;
  /** Options for the settling a `wait` does (state callback, budgets). */
  settle: SettleOptions;
  /**
   * Resolve a path a step names (the runner's: it words a file missing from a submission as such
   * and records where each file came from); resolveInside over `roots` when absent.
   */
  resolveFile?(relative: string): ResolvedFile;
}

/** A file an action names, resolved as its context says. */
export function resolveFile(ctx: ActionContext, relative: string): ResolvedFile {
  return ctx.resolveFile ? ctx.resolveFile(relative) : resolveInside(ctx.roots, relative);
}

/** What an action did. */
export interface ActionOutcome {
  /** What kubectl would print on success (`deployment.apps/x created`). */
  output: string;
  /** The action failed: the message, as kubectl would print it. */
  error?: string;
  /** Where in a manifest the action's error is (a YAML mistake), as the manifest is named in the step. */
  errorAt?: Position;
  /** kubectl steps: kubespec's hint for a manifest kubectl could not parse (where exactly, what to change). */
  hint?: string;
  /** The manifest files whose objects the API server refused (apply, create), in order. */
  failedFiles?: string[];
  /** kubectl steps only: the command's exit code, its stdout and its stderr (`output` holds both). */
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

/** A client-side failure of an action, with a message ready to print. */
export class ActionError extends Error {
  /** `position`: where in a manifest the mistake is (a YAML error), for annotations on that line. */
  constructor(
    message: string,
    readonly position?: Position,
  ) {
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
 * How kubectl prints an error (cmdutil.CheckErr, the kubectl emulation's renderErrors): `The Service
 * "x" is invalid: spec.ports[0].port: ...`, `Error from server (NotFound): pods "x" not found`,
 * `error: ...`. One difference: a YAML error keeps its `file:line:column`, which kubectl's
 * go-yaml wording lacks, since a spec author needs it.
 */
export function renderError(e: unknown): string {
  if (e instanceof YamlError) return `error: ${e.toString()}`;
  return renderErrors([e]).replace(/\n$/, '');
}

/** Errors that an action reports as its failure; anything else is a bug and propagates. */
export function isActionFailure(e: unknown): boolean {
  return e instanceof StatusError || e instanceof ActionError || e instanceof FileAccessError || e instanceof YamlError;
}
