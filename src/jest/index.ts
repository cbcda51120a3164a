// `kubespec/jest`: import it in a Jest setup file (setupFilesAfterEnv) to add kubespec's matchers to
// `expect`; or take `matchers` and extend yourself. TypeScript users get the matchers' types on
// Jest's global `expect` from this module's declarations.
import { matchers } from './matchers';

export { matchers, failureText, type MatcherResult } from './matchers';
export { createCluster, KubespecError, type KubespecCluster, type CreateClusterOptions } from '../library/cluster';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Jest's global matcher types live in this namespace
  namespace jest {
    interface Matchers<R> {
      /** The object (or each object of a list) matches this partial object, as a spec's `match:`. */
      toMatchSpec(expected: unknown): R;
      /** `status.readyReplicas` is this number (absent counts as 0). */
      toHaveReadyReplicas(expected: number): R;
      /** The object's controller is of this kind (and name, or name pattern). */
      toBeOwnedBy(kind: string, name?: string | RegExp): R;
      /** On a cluster: every assertion, written as in a spec's `expect:`, holds now. */
      toHold(assertions: object | object[]): R;
      /** On a cluster: the assertions hold at some moment within `within` of simulated time. */
      toReach(assertions: object | object[], opts?: { within?: string | number; every?: string | number }): R;
    }
  }
}

const globalExpect = (globalThis as { expect?: { extend?(m: object): void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(matchers);
