// A spec's variables while it runs: what its assertions captured (`capture: { victim: metadata.name }`)
// and the built-ins (`${namespace}`, `${seed}`), and each templated step built again with them just
// before it runs (`kubectl: delete pod ${victim}`). An `expect` entry may use what the step's own
// `eventually` or the entries above it captured: it is built again just before it is checked. A
// reference the loader could see was never captured is a load error (validate.ts); one whose capture
// found nothing fails its step here, saying why.
import type { ClusterApi } from '../cluster/backend';
import type { Assertion, Spec, Step } from '../spec/model';
import { rebuildAssertion, rebuildStep } from '../spec/loader';
import { assertionIsTemplated, expandAssertion, expandStep } from '../spec/references';
import { captureValues } from '../spec/assertions/object';
import type { Captured } from '../spec/assertions/capture';
import type { Failure } from './result';
import { msg } from '../i18n';
import { runnerMessages as t } from '../i18n/messages/runner';

/** A reference that cannot be put in place. */
class NoValue extends Error {
  constructor(
    readonly ref: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

type Obj = Record<string, unknown>;

export class SpecVariables {
  private readonly values = new Map<string, Captured>();

  /** `namespace`: the spec's namespace (`default` on the embedded cluster); `seed`: its seed. */
  constructor(builtins: { namespace: string; seed: number }) {
    this.values.set('namespace', { value: builtins.namespace });
    this.values.set('seed', { value: String(builtins.seed) });
  }

  /** Record what an assertion's `capture` finds now (nothing for an assertion without one). */
  record(api: ClusterApi, a: Assertion): void {
    if (a.type !== 'object' || !a.capture) return;
    for (const [name, v] of captureValues(api, a)) this.values.set(name, v);
  }

  /** The value of `name`, or why it has none. */
  get(name: string): Captured | undefined {
    return this.values.get(name);
  }

  /** `name`'s value, or NoValue. */
  private value(name: string): string {
    const v = this.values.get(name);
    if (v && 'value' in v) return v.value;
    throw new NoValue(name, v ? v.missing : msg(t.referenceNotCaptured));
  }

  private failure(e: unknown, location: Failure['location']): { failure: Failure } {
    if (e instanceof NoValue) return { failure: { message: msg(t.referenceNoValue, { name: e.ref, reason: e.reason }), location, kind: 'action' } };
    return { failure: { message: msg(t.referenceBuild, { error: (e as Error).message }), location, kind: 'action' } };
  }

  /**
   * The step to run: as loaded, or built again with its references in place; or why it cannot run.
   * Its `expect` entries are built again as they are checked (resolveAssertion).
   */
  resolve(spec: Spec, step: Step): { step: Step } | { failure: Failure } {
    if (!step.templated) return { step };
    const { expect, ...rest } = (spec.doc.value as { steps: Obj[] }).steps[step.index];
    try {
      // `expect` entries stay as written here: they may use what this step captures before them.
      const value = { ...expandStep(rest, (name) => this.value(name)), ...(expect !== undefined ? { expect } : {}) };
      return { step: rebuildStep(spec, step.index, value) };
    } catch (e) {
      return this.failure(e, step.location);
    }
  }

  /** An `expect` entry with its references in place now (what the step captured so far included). */
  resolveAssertion(spec: Spec, a: Assertion): { assertion: Assertion } | { failure: Failure } {
    // Entries of assert files are read as written.
    if (a.path.length !== 4) return { assertion: a };
    const [, i, list, j] = a.path as [string, number, string, number];
    if (!spec.steps[i]?.templated) return { assertion: a };
    const raw = (((spec.doc.value as { steps: Obj[] }).steps[i]?.[list] ?? []) as unknown[])[j];
    if (!assertionIsTemplated(raw)) return { assertion: a };
    try {
      return { assertion: rebuildAssertion(spec, a.path, expandAssertion(raw, (name) => this.value(name))) };
    } catch (e) {
      return this.failure(e, a.location);
    }
  }
}
