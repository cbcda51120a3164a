// Helpers for the registry's tests: an API server with the default strategies, and the manifests
// the course starts from.
import { ApiServer } from '../apiserver';
import { isStatusError, type StatusError } from '../errors';
import type { KubeObject } from '../types';
import { Clock } from '../../util/clock';
import { Random } from '../../util/random';
import { defaultStrategies } from '.';

export function newApi(seed = 1): ApiServer {
  return new ApiServer(new Clock(), new Random(seed), defaultStrategies());
}

/** The StatusError a write throws (fails the test when the write succeeds). */
export function errorOf(write: () => unknown): StatusError {
  try {
    write();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected the API server to reject the write');
}

/** The message of the error `api.create(obj)` throws. */
export function createMessage(obj: KubeObject, api: ApiServer = newApi()): string {
  return errorOf(() => api.create(obj)).message;
}

export function nginxDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }] }] } },
    },
  };
}

export function replicaSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: '3-replicaset' },
    spec: {
      template: { metadata: { name: '3-replicaset', labels: { app: '3-replicaset' } }, spec: { containers: [{ name: '3-replicaset', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
      replicas: 3,
      selector: { matchLabels: { app: '3-replicaset' } },
    },
  };
}

export function nodePortService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-nginx', labels: { run: 'my-nginx' } },
    spec: { type: 'NodePort', ports: [{ port: 8080, targetPort: 80, protocol: 'TCP', nodePort: 30000, name: 'http' }], selector: { app: 'nginx' } },
  };
}

export function pod(name = 'web'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
}
