// The simulated cluster's configuration: the `cluster:` block of a spec, with the course's defaults.

export interface NodeConfig {
  name: string;
  /** A control-plane node: labelled node-role.kubernetes.io/control-plane and tainted NoSchedule. */
  controlPlane?: boolean;
  /** InternalIP; by default 192.168.47.128 for the first node, then .129, .130, ... */
  ip?: string;
  labels?: Record<string, string>;
  /** Max pods the node accepts (kubelet --max-pods, default 110). */
  maxPods?: number;
}

export interface ClusterConfig {
  nodes: NodeConfig[];
  seed: number;
  images: {
    /** Image references (glob `*` allowed) whose pulls fail: ErrImagePull, then ImagePullBackOff. */
    unavailable: string[];
  };
  /** Simulated durations, in ms. */
  timing: {
    /** Pulling an image a node does not have yet. */
    imagePullMs: number;
    /** From image present to container running. */
    containerStartMs: number;
    /** From SIGTERM to the container having exited (nginx stops fast; grace is only an upper bound). */
    containerStopMs: number;
  };
  /** Resource guards against runaway specs (not a Kubernetes feature). */
  limits: {
    /** Most objects of one kind the API server will hold. */
    maxObjectsPerKind: number;
    /**
     * Most replicas a Deployment or ReplicaSet may ask for. Kubernetes accepts up to 2^31-1 (and
     * would then create pods for hours); the embedded cluster refuses the write at once instead, so
     * a runaway manifest fails its step with a clear message rather than exhausting a grading run.
     */
    maxReplicas: number;
  };
  /** Record Event objects (kubectl get events); off speeds up very large clusters. */
  recordEvents: boolean;
}

/** The course's cluster: one control-plane node and two workers. Master IP from the course notes. */
export const DEFAULT_NODES: NodeConfig[] = [{ name: 'master', controlPlane: true }, { name: 'worker0' }, { name: 'worker1' }];

/** What a caller may give: any part of the config, nested blocks partially too. */
export type ClusterOptions = Partial<Omit<ClusterConfig, 'images' | 'timing' | 'limits'>> & {
  images?: Partial<ClusterConfig['images']>;
  timing?: Partial<ClusterConfig['timing']>;
  limits?: Partial<ClusterConfig['limits']>;
};

export function defaultConfig(overrides: ClusterOptions = {}): ClusterConfig {
  return {
    nodes: overrides.nodes ?? DEFAULT_NODES,
    seed: overrides.seed ?? 1,
    images: { unavailable: overrides.images?.unavailable ?? [] },
    timing: { imagePullMs: 2000, containerStartMs: 1000, containerStopMs: 1000, ...overrides.timing },
    limits: { maxObjectsPerKind: 50_000, maxReplicas: 20_000, ...overrides.limits },
    recordEvents: overrides.recordEvents ?? true,
  };
}

/** Node names given as strings (`[master, worker0]`): a node named `master` or `control-plane*` is a control plane. */
export function nodesFromNames(names: string[]): NodeConfig[] {
  return names.map((name) => ({ name, controlPlane: name === 'master' || name.startsWith('control-plane') }));
}
