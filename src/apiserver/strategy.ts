// Per-kind hooks the API server calls on every write, as upstream's registry strategies
// (pkg/registry/<group>/<kind>/strategy.go) do: defaulting, create/update preparation, validation.
import type { FieldError, StatusError } from './errors';
import type { KubeObject } from './types';
import type { Clock } from '../util/clock';
import type { Random } from '../util/random';

/** What a strategy may use: read access to the store (for allocators), the clock and random source. */
export interface StrategyContext {
  list(kind: string, namespace?: string): readonly KubeObject[];
  clock: Clock;
  rng: Random;
}

export interface Strategy {
  /**
   * Decode-time checks that the real API server does before anything else: types against the
   * OpenAPI schema, unknown fields (strict field validation). Returns a BadRequest error or nothing.
   */
  decode?(obj: KubeObject, op: 'create' | 'update'): StatusError | undefined;
  /** SetDefaults_<Kind>: fill defaults in place. Runs on create and on update. */
  defaults?(obj: KubeObject): void;
  /** PrepareForCreate: e.g. status cleared, generation 1, clusterIP and nodePorts allocated. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate: e.g. generation bump, status kept from `old`, allocation of new nodePorts. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Validate a new object. Field errors make the write fail with 422 Invalid. */
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** Validate an update (immutability rules, then the object itself). */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /**
   * Allocation that may fail after validation (nodePort already allocated, range full). Runs after
   * validate on create/update; throws StatusError.
   */
  allocate?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): void;
  /**
   * DELETE of a kind with a life cycle of its own (namespaces: registry/core/namespace/storage
   * Delete): the object to store instead of deleting it now, or undefined for the generic delete.
   * May throw a StatusError to refuse.
   */
  beginDelete?(obj: KubeObject, ctx: StrategyContext): KubeObject | undefined;
  /** Whether an update that leaves a deleted object without finalizers removes it (default: yes). */
  shouldDeleteDuringUpdate?(obj: KubeObject): boolean;
}

/** Strategies by kind; a kind without one gets only the API server's generic handling. */
export type Strategies = Partial<Record<string, Strategy>>;
