// Field selectors as the API server takes them: only the field labels each kind supports (its
// registry's ToSelectableFields and the field label conversion funcs of pkg/apis/core/v1 and
// pkg/apis/apps/v1 conversion.go), anything else a BadRequest `field label not supported: <label>`.
import { parseFieldSelector, FieldSelectorParseError, type FieldRequirement } from '../../apiserver/fields';
import { badRequest } from '../http/status';

const META = ['metadata.name', 'metadata.namespace'];

const SUPPORTED: Record<string, string[]> = {
  // pkg/registry/core/pod/strategy.go ToSelectableFields; core/v1 conversion.go
  Pod: [...META, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  // pkg/registry/core/event/strategy.go
  Event: [
    ...META,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Namespace: ['metadata.name', 'status.phase'],
  Node: ['metadata.name', 'spec.unschedulable'],
  Service: [...META, 'spec.clusterIP', 'spec.type'],
  ReplicaSet: [...META, 'status.replicas'],
  Deployment: META,
  Endpoints: META,
  EndpointSlice: META,
  ConfigMap: META,
  // pkg/registry/core/secret/strategy.go SelectableFields
  Secret: [...META, 'type'],
  ServiceAccount: META,
};

/** Where a field label's value lives in the object, when not at its own path. */
const PATHS: Record<string, Record<string, string[]>> = {
  Event: { source: ['source', 'component'] },
  Pod: { 'status.podIPs': ['status', 'podIP'] },
};

/** Parse and check a field selector for `kind`; unsupported labels are upstream's BadRequest. */
export function fieldSelectorFor(kind: string, text: string | null): FieldRequirement[] | undefined {
  if (!text) return undefined;
  let reqs: FieldRequirement[];
  try {
    reqs = parseFieldSelector(text);
  } catch (e) {
    if (e instanceof FieldSelectorParseError) throw badRequest(e.message);
    throw e;
  }
  const supported = SUPPORTED[kind] ?? META;
  return reqs.map((r) => {
    const label = r.path.join('.');
    if (!supported.includes(label)) throw badRequest(`field label not supported: ${label}`);
    const path = PATHS[kind]?.[label];
    return path ? { ...r, path } : r;
  });
}
