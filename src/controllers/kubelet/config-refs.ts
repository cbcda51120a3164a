// What a pod's references to ConfigMaps and Secrets decide on the node, as the kubelet meets them:
//  - volumes (configMap, secret, and the configMap/secret sources of projected volumes such as
//    kube-api-access-*): the volume manager cannot set one up while its object (or a key its items
//    name) is missing, unless `optional: true`; the pod stays ContainerCreating and the kubelet
//    records FailedMount `MountVolume.SetUp failed for volume "<v>" : configmap "<x>" not found`
//    (pkg/volume/configmap, pkg/volume/secret, pkg/volume/projected), retrying until it appears;
//  - environment (envFrom, then env valueFrom, per container): makeEnvironmentVariables
//    (pkg/kubelet/kubelet_pods.go) fails with `configmap "<x>" not found` or `couldn't find key
//    <k> in ConfigMap <ns>/<x>`, which the kubelet reports as the container's waiting reason
//    CreateContainerConfigError (and a `Failed` event `Error: <message>`), retrying on its pod
//    sync back-off.
// Pure decisions: the caller reads objects through the API server and does the recording.
import type { KubeObject } from '../../apiserver/types';

type Obj = Record<string, any>;

/** Reads a ConfigMap or Secret of the pod's namespace through the API server. */
export type ReadObject = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => KubeObject | undefined;

/** kubecontainer.ErrCreateContainerConfig's reason. */
export const CREATE_CONTAINER_CONFIG_ERROR = 'CreateContainerConfigError';
/** events.FailedMountVolume. */
export const FAILED_MOUNT = 'FailedMount';
/** The kubelet's pod worker back-off after a failed sync (backOffPeriod), before jitter. */
export const POD_SYNC_BACKOFF_MS = 10_000;

const notFound = (kind: 'ConfigMap' | 'Secret', name: string) => `${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`;
const isTrue = (v: unknown) => v === true;

/** The keys of a ConfigMap (data and binaryData) or a Secret (data). */
function hasKey(obj: KubeObject, key: string): boolean {
  const own = (m: unknown) => !!m && typeof m === 'object' && Object.prototype.hasOwnProperty.call(m, key);
  return obj.kind === 'ConfigMap' ? own(obj.data) || own(obj.binaryData) : own(obj.data);
}

/**
 * One configMap or secret source of a volume: the SetUp error, if any. Items naming missing keys
 * fail as the volume plugins' MakePayload does, unless optional.
 */
function sourceError(kind: 'ConfigMap' | 'Secret', name: string, items: Obj[] | undefined, optional: boolean, namespace: string, read: ReadObject): string | undefined {
  const obj = read(kind, namespace, name);
  if (!obj) return optional ? undefined : notFound(kind, name);
  for (const item of items ?? []) {
    if (!item || hasKey(obj, String(item.key))) continue;
    if (optional) continue;
    return kind === 'ConfigMap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`;
  }
  return undefined;
}

/** Why a volume cannot be set up, or undefined. */
export function volumeSetUpError(volume: Obj, namespace: string, read: ReadObject): string | undefined {
  if (volume?.configMap) return sourceError('ConfigMap', volume.configMap.name ?? '', volume.configMap.items, isTrue(volume.configMap.optional), namespace, read);
  if (volume?.secret) return sourceError('Secret', volume.secret.secretName ?? '', volume.secret.items, isTrue(volume.secret.optional), namespace, read);
  if (volume?.projected) {
    for (const s of volume.projected.sources ?? []) {
      const err = s?.configMap
        ? sourceError('ConfigMap', s.configMap.name ?? '', s.configMap.items, isTrue(s.configMap.optional), namespace, read)
        : s?.secret
          ? sourceError('Secret', s.secret.name ?? '', s.secret.items, isTrue(s.secret.optional), namespace, read)
          : undefined;
      if (err) return err;
    }
  }
  return undefined;
}

/** The first of the pod's volumes that cannot be mounted: its FailedMount event message. */
export function mountProblem(pod: KubeObject, read: ReadObject): { volume: string; message: string } | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const v of (pod.spec?.volumes ?? []) as Obj[]) {
    const err = volumeSetUpError(v, namespace, read);
    if (err) return { volume: v.name, message: `MountVolume.SetUp failed for volume "${v.name}" : ${err}` };
  }
  return undefined;
}

/**
 * makeEnvironmentVariables' errors for one container: envFrom sources in order, then env
 * entries; the first failure is the CreateContainerConfigError message.
 */
export function containerConfigError(pod: KubeObject, container: Obj, read: ReadObject): string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const from of (container?.envFrom ?? []) as Obj[]) {
    const ref = from?.configMapRef ?? from?.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    if (!read(kind, namespace, ref.name ?? '') && !isTrue(ref.optional)) return notFound(kind, ref.name ?? '');
  }
  for (const env of (container?.env ?? []) as Obj[]) {
    const ref = env?.valueFrom?.configMapKeyRef ?? env?.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const kind = env.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const optional = isTrue(ref.optional);
    const obj = read(kind, namespace, ref.name ?? '');
    if (!obj) {
      if (optional) continue;
      return notFound(kind, ref.name ?? '');
    }
    // The env value comes from data only (a ConfigMap's binaryData is not an env source).
    const data = obj.data;
    if (data && typeof data === 'object' && Object.prototype.hasOwnProperty.call(data, ref.key)) continue;
    if (optional) continue;
    return `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name}`;
  }
  return undefined;
}

/** The volume manager's operation back-off (exponentialbackoff: 500 ms, doubling, at most 2m2s). */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;

/** What waitForMounts needs from the kubelet: reads through the API server, its recorder, its queue. */
export interface MountDeps {
  read: ReadObject;
  /** Record a Warning event about the pod. */
  warn(reason: string, message: string): void;
  /** Look at the pod again after `ms` (a retry that does not hold a settle: the object may never come). */
  retryAfter(ms: number): void;
}

/** Failed mount attempts per pod runtime (the kubelet's record of one pod UID on its node). */
const attempts = new WeakMap<object, { n: number; nextAt: number }>();

/**
 * WaitForAttachAndMount before the pod's sandbox and containers: true while a volume cannot be
 * set up (the pod stays ContainerCreating; a FailedMount event per attempt; retried with the
 * volume manager's back-off), false once every volume mounts.
 */
export function waitForMounts(pod: KubeObject, runtime: object, now: number, deps: MountDeps): boolean {
  const last = attempts.get(runtime);
  // In back-off since the last failure: the pod waits; the next attempt is already due.
  if (last && now < last.nextAt) return true;
  const problem = mountProblem(pod, deps.read);
  if (!problem) {
    attempts.delete(runtime);
    return false;
  }
  const n = (last?.n ?? 0) + 1;
  const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** (n - 1), MOUNT_RETRY_MAX_MS);
  attempts.set(runtime, { n, nextAt: now + delay });
  deps.warn(FAILED_MOUNT, problem.message);
  deps.retryAfter(delay);
  return true;
}

/** The CreateContainerConfigError of a container whose env cannot be built, reading through the API. */
export function envCreateFailure(read: ReadObject, pod: KubeObject, container: Obj): { reason: string; message: string } | undefined {
  const message = containerConfigError(pod, container, read);
  return message === undefined ? undefined : { reason: CREATE_CONTAINER_CONFIG_ERROR, message };
}
