// The flag groups kubectl's commands share (cli-runtime's FileNameFlags, PrintFlags, --dry-run,
// --selector) and the shape of a verb module's entry, for parse.ts and the two verb tables
// (verbs.ts, verbs-objects.ts). A leaf module: parse.ts reads those tables, so they cannot take
// these from parse.ts without a load-order cycle.
import type { KubeCluster } from '../cluster/backend';
import type { KubectlIO } from './index';
import type { FlagSpec, FlagType, ParsedCommand } from './parse';
import type { OpResult } from './resources';

/** What a verb's handler gets: the parsed line and the namespace it acts in. */
export interface VerbContext {
  cluster: KubeCluster;
  cmd: ParsedCommand;
  io: KubectlIO;
  namespace: string;
  /** `-n` given: generators then write the namespace into the object (EnforceNamespace). */
  explicitNamespace: boolean;
}

export interface Verb {
  path: string[];
  flags: FlagSpec[];
  run(ctx: VerbContext): OpResult;
}

export const f = (name: string, type: FlagType, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, type, ...extra });

export const FILENAME = [f('filename', 'stringSlice', { short: 'f', default: [] }), f('recursive', 'bool', { short: 'R', default: false }), f('kustomize', 'string', { short: 'k', default: '' })];
export const PRINT = [
  f('output', 'string', { short: 'o', default: '' }),
  f('template', 'string', { default: '' }),
  f('allow-missing-template-keys', 'bool', { default: true }),
  f('show-managed-fields', 'bool', { default: false }),
];
export const DRY_RUN = f('dry-run', 'string', { default: 'none', noOptDefVal: 'unchanged' });
export const SELECTOR = f('selector', 'string', { short: 'l', default: '' });
