// Checking one assertion (object selection, kubectl output, requests) against the cluster now.
import type { Cluster } from '../../cluster/cluster';
import type { Failure } from '../../runner/result';
import type { Assertion } from '../model';
import { checkObjectAssertion } from './object';
import { checkOutputAssertion, type CommandOutput } from './output';
import { checkRequestAssertion } from './request';

export type { CommandOutput } from './output';

export interface AssertionEnv {
  cluster: Cluster;
  /** The spec's seed: request assertions fork their random streams from it. */
  seed: number;
  /** The kubectl step's output, for `output` / `exitCode`. */
  output?: CommandOutput;
  /** `expect` (after settling) or `throughout` (at an intermediate state). */
  phase: 'expect' | 'throughout';
}

/** A stable name for an assertion's random stream: its path in the spec document. */
function rngKey(a: Assertion): string {
  return a.path.join('.');
}

export function checkAssertion(a: Assertion, env: AssertionEnv): Failure | undefined {
  switch (a.type) {
    case 'object':
      return checkObjectAssertion(env.cluster.api, a, env.phase);
    case 'output':
      return checkOutputAssertion(a, env.output);
    case 'request':
      return checkRequestAssertion(env.cluster, a, env.seed, rngKey(a), env.phase);
  }
}

/** Kinds whose changes can change the assertion's outcome (undefined: any change). */
export function assertionKinds(a: Assertion): string[] | undefined {
  if (a.type === 'object') return a.ownedBy && a.ownedBy !== 'none' ? [a.kind, a.ownedBy.kind] : [a.kind];
  return undefined;
}
