// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go, v1.32) as
// it mutates a new pod: the `default` service account when none is named, a lookup of that
// account (a missing one is Forbidden: `error looking up service account <ns>/<name>: ...`), the
// account's imagePullSecrets, and, unless automounting is turned off (the pod's
// automountServiceAccountToken, then the account's), the projected `kube-api-access-<5>` volume
// (TokenVolumeSource: a bound token expiring in 3607 s, the namespace's kube-root-ca.crt and the
// pod's namespace through the downward API) mounted read-only at
// /var/run/secrets/kubernetes.io/serviceaccount in every init and regular container that has no
// mount there yet. Mirror pods (static pods) are left alone: they may not use service accounts.
//
// Simulated time: upstream retries the lookup of `default` (10 live reads, 100-200 ms apart)
// because the serviceaccount controller creates it moments after the namespace; here that
// controller runs in the same settle loop, before anything could observe the pod, so a missing
// `default` account is admitted as the retry would find it. A missing account by any other name
// is refused at once, as upstream (one attempt).
import { StatusError } from '../errors';
import type { StrategyContext } from '../strategy';
import type { KubeObject } from '../types';

type Obj = Record<string, any>;

export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** ServiceAccountVolumeName; the volume is named with a generated suffix. */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
/** DefaultAPITokenMountPath. */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: 1 h + 7 s. */
export const TOKEN_EXPIRATION_SECONDS = 3607;
/** The ConfigMap the root-ca-cert-publisher keeps in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** api.MirrorPodAnnotationKey: set on the API copy of a static pod. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** apimachinery rand's alphabet (no vowels, no confusable characters). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The volume's 5-character suffix. Upstream draws it at random (names.SimpleNameGenerator); here it
 * is derived from the pod's uid (itself from the cluster's seed), so that it takes nothing from the
 * random streams names and allocations draw from: same seed, same suffix, and every other
 * generated name stays what it was.
 */
export function tokenVolumeSuffix(uid: string): string {
  // FNV-1a over the uid, five digits of base 27.
  let h = 0x811c9dc5;
  for (let i = 0; i < uid.length; i++) {
    h ^= uid.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let s = '';
  for (let i = 0; i < 5; i++) {
    s += ALPHANUMS[h % 27];
    h = Math.floor(h / 27);
  }
  return s;
}

/** TokenVolumeSource, with its explicit defaultMode 0644 (kubernetes#104464). */
export function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** shouldAutomount: the pod's preference wins, then the account's, else true. */
function shouldAutomount(sa: Obj | undefined, spec: Obj): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof sa?.automountServiceAccountToken === 'boolean') return sa.automountServiceAccountToken;
  return true;
}

/** The name admission errors give the pod: its generateName while the name is still to be made. */
function admissionName(meta: KubeObject['metadata']): string {
  const gen = meta.generateName;
  if (gen && meta.name?.startsWith(gen) && meta.name.length === Math.min(gen.length, 58) + 5) return gen;
  return meta.name ?? '';
}

/** mountServiceAccountToken. */
function mountServiceAccountToken(pod: KubeObject): void {
  const spec: Obj = pod.spec;
  const volumes: Obj[] = spec.volumes ?? [];
  const existing = volumes.find((v) => typeof v?.name === 'string' && v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing?.name ?? SERVICE_ACCOUNT_VOLUME_PREFIX + tokenVolumeSuffix(pod.metadata.uid ?? pod.metadata.name ?? '');
  const mount = { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
  let needsVolume = false;
  for (const list of ['initContainers', 'containers'] as const) {
    if (!Array.isArray(spec[list])) continue;
    spec[list] = spec[list].map((c: Obj) => {
      if (!c || typeof c !== 'object') return c;
      // An existing mount at the default path keeps the token out of that container.
      if ((c.volumeMounts ?? []).some((m: Obj) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return c;
      needsVolume = true;
      return { ...c, volumeMounts: [...(c.volumeMounts ?? []), { ...mount }] };
    });
  }
  if (!existing && needsVolume) spec.volumes = [...volumes, tokenVolume(volumeName)];
}

/** Admit on create: mutates `pod` or throws the Forbidden the plugin answers with. */
export function admitServiceAccount(pod: KubeObject, ctx: StrategyContext): void {
  const spec: Obj = (pod.spec = pod.spec ?? {});
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  // v1 conversion: the deprecated serviceAccount field stands in for serviceAccountName.
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
  const name: string = spec.serviceAccountName;
  const namespace = pod.metadata.namespace ?? 'default';
  const sa = ctx.list('ServiceAccount', namespace).find((s) => s.metadata.name === name);
  if (!sa && name !== DEFAULT_SERVICE_ACCOUNT) {
    const podName = admissionName(pod.metadata);
    throw new StatusError(
      'Forbidden',
      `pods "${podName}" is forbidden: error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
      [],
      'pods',
      podName,
    );
  }
  if (shouldAutomount(sa, spec)) mountServiceAccountToken(pod);
  if (!spec.imagePullSecrets?.length && sa?.imagePullSecrets?.length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s: Obj) => ({ name: s?.name }));
  }
}
