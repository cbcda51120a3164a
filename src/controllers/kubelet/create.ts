// The kubelet's last check before it creates a container (kuberuntime_container.go startContainer →
// generateContainerConfig): whatever the container needs from the API (ConfigMaps and Secrets its
// env and volumes reference...) must be there. One function, so such checks have one place to go.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { envCreateFailure } from './config-refs';

/** Why a container cannot be created yet: its waiting reason and message. */
export interface CreateFailure {
  /** The waiting reason, e.g. `CreateContainerConfigError`. */
  reason: string;
  /** The waiting message, and the Failed event's `Error: <message>`. */
  message: string;
}

export interface ContainerToCreate {
  name: string;
  image: string;
  [key: string]: unknown;
}

/**
 * Whether the kubelet can create `container` of `pod` now: undefined when it can, otherwise why
 * not. The kubelet then shows the reason, records `Failed` "Error: <message>", and tries again on
 * a later sync (CREATE_RETRY_MS), reading the API afresh.
 */
export function containerCreateFailure(api: ApiServer, pod: KubeObject, container: ContainerToCreate): CreateFailure | undefined {
  // makeEnvironmentVariables: env and envFrom referencing missing ConfigMaps, Secrets or keys.
  return envCreateFailure((kind, ns, name) => api.get(kind, name, ns), pod, container);
}
