// The service account side of a namespace, as two upstream controllers keep it:
//  - the serviceaccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
//    every Active namespace has a `default` ServiceAccount; one deleted is made again;
//  - the root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go):
//    every namespace has the kube-root-ca.crt ConfigMap (the cluster CA as `ca.crt`, with its
//    description annotation), put back when deleted and reset when changed.
// Both key their work by namespace name and write through the API server only; a namespace that
// is gone or terminating is skipped (the API server refuses new content there anyway).
import { isStatusError } from '../../apiserver/errors';
import type { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { deepEqual } from '../../util/clone';
import type { Controller, ControllerContext } from '../controller';
import { ROOT_CA_CRT } from './root-ca';

export { ROOT_CA_CRT };
export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** rootcacertpublisher.DescriptionAnnotation and Description. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The `default` ServiceAccount as the controller creates it (a name and nothing else). */
export function defaultServiceAccount(namespace: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } };
}

/** The kube-root-ca.crt ConfigMap as the publisher creates it. */
export function rootCAConfigMap(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
    data: { 'ca.crt': ROOT_CA_CRT },
  };
}

/** A create that may meet an object made meanwhile or a namespace gone or terminating: not errors here. */
function createIgnoringRaces(api: ApiServer, obj: KubeObject): void {
  try {
    api.create(obj);
  } catch (e) {
    if (isStatusError(e, 'AlreadyExists') || isStatusError(e, 'NotFound') || isStatusError(e, 'Forbidden')) return;
    throw e;
  }
}

export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount-controller';
  private api!: ApiServer;

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    for (const ns of ctx.api.list('Namespace')) ctx.queue.add(ns.metadata.name!);
    ctx.api.watch('Namespace', (ev) => {
      if (ev.type !== 'DELETED') ctx.queue.add(ev.object.metadata.name!);
    });
    ctx.api.watch('ServiceAccount', (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) ctx.queue.add(ev.object.metadata.namespace!);
    });
  }

  /** syncNamespace. */
  reconcile(namespace: string): void {
    const ns = this.api.get('Namespace', namespace);
    if (!ns || ns.status?.phase !== 'Active' || ns.metadata.deletionTimestamp) return;
    if (this.api.get('ServiceAccount', DEFAULT_SERVICE_ACCOUNT, namespace)) return;
    createIgnoringRaces(this.api, defaultServiceAccount(namespace));
  }
}

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  private api!: ApiServer;

  start(ctx: ControllerContext): void {
    this.api = ctx.api;
    for (const ns of ctx.api.list('Namespace')) ctx.queue.add(ns.metadata.name!);
    ctx.api.watch('Namespace', (ev) => {
      if (ev.type !== 'DELETED') ctx.queue.add(ev.object.metadata.name!);
    });
    ctx.api.watch('ConfigMap', (ev) => {
      if (ev.type !== 'ADDED' && ev.object.metadata.name === ROOT_CA_CONFIGMAP) ctx.queue.add(ev.object.metadata.namespace!);
    });
  }

  /** syncNamespace. */
  reconcile(namespace: string): void {
    const ns = this.api.get('Namespace', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const cm = this.api.get('ConfigMap', ROOT_CA_CONFIGMAP, namespace);
    if (!cm) return createIgnoringRaces(this.api, rootCAConfigMap(namespace));
    const data = { 'ca.crt': ROOT_CA_CRT };
    if (deepEqual(cm.data, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    try {
      this.api.update({ ...cm, data, metadata: { ...cm.metadata, annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } } });
    } catch (e) {
      if (!isStatusError(e, 'Conflict') && !isStatusError(e, 'NotFound') && !isStatusError(e, 'Invalid')) throw e;
    }
  }
}
