// Checking one assertion (object selection, kubectl output, requests) against the cluster now.
import type { KubeCluster } from '../../cluster/backend';
import type { Failure } from '../../runner/result';
import type { Assertion } from '../model';
import { evaluateObjectAssertion, simpleOwner } from './object';
import { checkOutputAssertion, type CommandOutput } from './output';
import { evaluateRequestAssertion } from './request';

export type { CommandOutput } from './output';

export interface AssertionEnv {
  cluster: KubeCluster;
  /** The spec's seed: request assertions fork their random streams from it. */
  seed: number;
  /** The kubectl step's output, for `output` / `exitCode`. */
  output?: CommandOutput;
  /** `expect` (after settling), `throughout` or `eventually` (at an intermediate state). */
  phase: 'expect' | 'throughout' | 'eventually';
}

/** A stable name for an assertion's random stream: its path in the spec document. */
function rngKey(a: Assertion): string {
  return a.path.join('.');
}

export function checkAssertion(a: Assertion, env: AssertionEnv): Failure | undefined {
  return evaluateAssertion(a, env).failure;
}

/**
 * Check an assertion, and how far the cluster is from satisfying it (`misses`, 0 when it holds: the
 * failing fields and the count's distance for objects, the requests answered wrongly for requests).
 */
export function evaluateAssertion(a: Assertion, env: AssertionEnv): { failure?: Failure; misses: number } {
  switch (a.type) {
    case 'object':
      return evaluateObjectAssertion(env.cluster.api, a, env.phase);
    case 'output': {
      const failure = checkOutputAssertion(a, env.output);
      return { failure, misses: failure ? 1 : 0 };
    }
    case 'request':
      return evaluateRequestAssertion(env.cluster, a, env.seed, rngKey(a), env.phase);
  }
}

/** Kinds whose changes can change the assertion's outcome (undefined: any change). */
export function assertionKinds(a: Assertion): string[] | undefined {
  if (a.type === 'object') {
    if (!a.ownedBy || a.ownedBy === 'none') return [a.kind];
    // Up a chain of owners, or through any owner reference, any kind may be a link.
    return simpleOwner(a.ownedBy) ? [a.kind, a.ownedBy.kind] : undefined;
  }
  return undefined;
}
