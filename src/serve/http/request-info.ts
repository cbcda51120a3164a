// What a request addresses, read off its path and method as the API server's RequestInfoFactory
// does (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): API prefix, group, version,
// namespace, resource, name, subresource and the verb (get, list, watch, create, update, patch,
// delete, deletecollection).
import { badRequest } from './status';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  kind: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** The `proxy` subresource's path after it (`/` when none): the path the backend is asked for. */
  proxyPath?: string;
  verb: Verb;
}

export interface NonResourceRequest {
  kind: 'nonresource';
  path: string;
}

/** Longest path a client may send (upstream has none; bounded here like every other input). */
const MAX_PATH = 8192;

export function requestInfo(method: string, pathname: string, query: URLSearchParams): ResourceRequest | NonResourceRequest {
  if (pathname.length > MAX_PATH) throw badRequest(`the request path is longer than ${MAX_PATH} characters`);
  const parts = pathname.split('/').filter((p) => p !== '');
  let i: number;
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    version = parts[1];
    i = 2;
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1];
    version = parts[2];
    i = 3;
  } else {
    return { kind: 'nonresource', path: pathname };
  }
  let rest = parts.slice(i).map(decode);
  if (!rest.length) return { kind: 'nonresource', path: pathname };
  let watchPrefix = false;
  // Deprecated `/watch/` paths: still served upstream.
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}...: a namespaced resource; /namespaces[/{name}[/{sub}]]: the namespaces themselves.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  // The proxy subresource takes the rest of the path: services/NAME:PORT/proxy/some/page.
  if (resource && name && subresource === 'proxy') {
    const verb: Verb = method === 'POST' ? 'create' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : method === 'DELETE' ? 'delete' : 'get';
    return { kind: 'resource', group, version, namespace, resource, name, subresource, proxyPath: `/${extra.join('/')}`, verb };
  }
  if (!resource || extra.length) return { kind: 'nonresource', path: pathname };
  const isWatch = watchPrefix || query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: Verb;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = name === undefined ? (isWatch ? 'watch' : 'list') : isWatch && !subresource ? 'watch' : 'get';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === undefined ? 'deletecollection' : 'delete';
      break;
    default:
      throw badRequest(`unsupported method ${JSON.stringify(method.slice(0, 32))}`);
  }
  return { kind: 'resource', group, version, namespace, resource, name, subresource, verb };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`malformed path segment ${JSON.stringify(segment.slice(0, 64))}`);
  }
}
