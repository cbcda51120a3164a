// The spec model: what a `*.spec.yaml` document becomes once loaded and validated. Every step and
// assertion keeps where it was written, so a failure can point at its line.
import type { Position, YamlDocument } from '../manifest/yaml';
import type { ClusterOptions } from '../cluster/config';
import type { TextPattern } from './pattern';

/** A path into a YAML document: `['steps', 0, 'expect', 1]`. */
export type DocPath = (string | number)[];

/** Budgets that turn a runaway spec into a clear failure (not a Kubernetes feature). */
export interface SpecLimits {
  /** Reconciles the whole spec may run. */
  maxReconciles?: number;
  /** Simulated time the whole spec may cover (settling and `wait` steps), in ms. */
  maxSimulatedMs?: number;
  /** Wall-clock time the spec may take, in ms (only ever used to abort, never to pass). */
  maxWallMs?: number;
}

export interface Spec {
  name: string;
  description?: string;
  /** The spec's weight (default 1, or the sum of the steps' own points when every step has some). */
  points: number;
  /** Whether `points` was written in the spec. */
  pointsGiven: boolean;
  /** The `cluster:` block turned into cluster configuration overrides (seed separate). */
  cluster: ClusterOptions;
  seed?: number;
  limits: SpecLimits;
  /** `skip:` — the spec is reported skipped and never run (with the reason written, when there is one). */
  skip?: { reason?: string };
  /** `only: true`: when any spec of the run has it, only those run (the others are reported skipped). */
  only: boolean;
  /** `tags:`, for `--tag` / `--exclude-tag` (and Gradescope's tags). */
  tags: string[];
  steps: Step[];
  /** The spec file as displayed (relative to the working directory, or as given). */
  file: string;
  /**
   * Absolute folder relative manifest paths resolve in (after a submission): the spec file's folder,
   * or the folder its `manifests:` names.
   */
  dir: string;
  /** Index of the YAML document in its file. */
  index: number;
  location: Position;
  /** The parsed document (positions for anything inside the spec). */
  doc: YamlDocument;
}

export interface Step {
  index: number;
  /** As written, or the action's summary. */
  name: string;
  location: Position;
  action: Action;
  /** Where the action's key is written. */
  actionLocation: Position;
  settle: boolean;
  expectError?: TextPattern & { location: Position };
  expect: Assertion[];
  throughout: Assertion[];
  /** Assertions each of which must hold at one or more of the states the step settles through. */
  eventually: Assertion[];
  /**
   * The step's strings hold `${NAME}` references (or `$${` escapes): it is built again, with the
   * values captured so far, just before it runs (runner/variables.ts).
   */
  templated?: boolean;
  /** Own points, when written. */
  points?: number;
  /** What a grading platform shows of it (the spec's, with the step's own keys over them). */
  grading: Grading;
}

/** A grading platform's view of a test (Gradescope's visibility and tags; how much a failure tells). */
export interface Grading {
  visibility: 'visible' | 'hidden' | 'after_due_date' | 'after_published';
  tags?: string[];
  feedback: 'full' | 'summary' | 'none';
}

export type Cascade = 'background' | 'foreground' | 'orphan';
export type Pick = 'all' | 'oldest' | 'newest' | number;

/** Where the manifests of an apply/create come from. */
export type ManifestSource =
  | { files: string[] }
  | {
      /** An object (or a list of objects) written in the spec. */
      objects?: unknown[];
      /** YAML text written in the spec. */
      text?: string;
      location: Position;
    };

export type Action =
  | { type: 'apply' | 'create'; source: ManifestSource }
  | {
      type: 'delete';
      kind?: string;
      name?: string;
      selector?: string;
      file?: string;
      pick: Pick;
      cascade: Cascade;
      namespace: string;
      gracePeriod?: number;
    }
  | { type: 'scale'; kind: string; name: string; replicas: number; namespace: string }
  | { type: 'setImage'; kind: string; name: string; container: string; image: string; namespace: string }
  | { type: 'rollout'; action: 'undo' | 'restart' | 'pause' | 'resume'; kind: string; name: string; toRevision?: number; namespace: string }
  | { type: 'kubectl'; command: string; edit?: EditScript }
  | { type: 'label'; kind: string; name?: string; selector?: string; pick: Pick; set: Record<string, string>; remove: string[]; namespace: string }
  | { type: 'wait'; ms: number; text: string }
  | { type: 'node'; name: string; ready?: boolean | 'unknown'; unschedulable?: boolean }
  | { type: 'patch'; kind: string; name: string; namespace: string; patchType: 'strategic' | 'merge' | 'json'; patch: unknown };

/** A `kubectl edit` step's editor: the whole file it saves, or replacements in the file kubectl opened. */
export type EditScript = { content: string } | { replace: { find: string; replace: string }[] };

export type ActionType = Action['type'];

export const ACTION_TYPES: readonly ActionType[] = ['apply', 'create', 'delete', 'scale', 'setImage', 'rollout', 'kubectl', 'label', 'wait', 'node', 'patch'];

/** `count`: an exact number, or bounds. */
export type CountSpec = number | { min?: number; max?: number };

interface AssertionBase {
  location: Position;
  /** Path of the assertion in its document (for positions of its fields). */
  path: DocPath;
}

/** Which objects an assertion is about: kind + name / selector / fieldSelector / namespace, then `where`. */
export interface Selection {
  kind: string;
  name?: string;
  selector?: string;
  fieldSelector?: string;
  /** `*`: every namespace. Ignored for cluster-scoped kinds. */
  namespace: string;
  where?: Record<string, unknown>;
}

/** Select objects and state what must hold of them. */
export interface ObjectAssertion extends AssertionBase, Selection {
  type: 'object';
  count?: CountSpec;
  absent?: boolean;
  match?: Record<string, unknown>;
  /** A partial object no selected object may match (as a whole). */
  not?: Record<string, unknown>;
  ownedBy?: OwnedBy | 'none';
  /** Narrow the selection (sorted by creation, oldest first) to one object; `all` (default) keeps every one. */
  pick?: Pick;
  /** Names to record from the first selected object: NAME → field path (`metadata.name`). */
  capture?: Record<string, string>;
}

/** `ownedBy: { kind, name?, transitive?, controller? }`. */
export interface OwnedBy {
  kind: string;
  /** The owner's name, a `/regex/` on it, or any name when left out. */
  name?: string;
  /** Follow controller references upward (a pod's ReplicaSet's Deployment); default false. */
  transitive?: boolean;
  /** Only controller references count (default true); `false`: any ownerReference. */
  controller?: boolean;
}

/** A kubectl step's printed output and exit code. */
export interface OutputAssertion extends AssertionBase {
  type: 'output';
  output?: TextPattern;
  exitCode?: number;
}

/** `fromNode`: the node the request enters on (its kube-proxy routes it; the Service's traffic policies apply there). */
export type RequestTarget = { nodePort: number; node?: string; namespace: string } | { service: string; port: number; namespace: string; fromNode?: string };

/** Requests sent through the cluster's Service routing. */
export interface RequestAssertion extends AssertionBase {
  type: 'request';
  request: RequestTarget;
  times: number;
  reaches?: { selector: string; all: boolean };
  fails?: boolean;
  /** The share of the `times` answers that pods matching each selector give (fractions, bounds optional). */
  answers?: { selector: string; share: { min?: number; max?: number } }[];
  /** Every answer comes from one pod. */
  sameBackend?: boolean;
  /** What every answer's body contains (or matches). */
  body?: TextPattern;
}

export type Assertion = ObjectAssertion | OutputAssertion | RequestAssertion;
