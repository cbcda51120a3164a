// Strategies of the kinds users rarely write by hand but controllers do: Endpoints, EndpointSlice,
// Node, Namespace (with its Terminating life cycle), Event. Decode and defaults are complete; validation covers object metadata and
// the fields controllers fill (pkg/apis/core/validation ValidateEndpoints*, ValidateNode,
// ValidateNamespace; pkg/apis/discovery/validation ValidateEndpointSlice).
import { StatusError, fieldError, type FieldError } from '../errors';
import type { Strategy } from '../strategy';
import type { KubeObject } from '../types';
import { decodeObject } from './decode';
import { defaultEndpointSlice, defaultEndpoints, defaultNamespace, defaultNode } from './defaults';
import {
  Path,
  isValidIPv4,
  isValidPortNum,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation';

type Obj = Record<string, any>;
const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const VALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

function validatePort(p: Obj, requireName: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fieldError.required(path.child('name').text));
  else if (p.name) errs.push(...validateDNS1123Label(p.name, path.child('name')));
  for (const m of isValidPortNum(p.port ?? 0)) errs.push(fieldError.invalid(path.child('port').text, p.port ?? 0, m));
  if (!p.protocol) errs.push(fieldError.required(path.child('protocol').text));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(p.protocol)) errs.push(fieldError.notSupported(path.child('protocol').text, p.protocol, SUPPORTED_PORT_PROTOCOLS));
  return errs;
}

/** validateEndpointSubsets. */
function validateEndpointSubsets(subsets: Obj[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (subsets ?? []).forEach((ss, i) => {
    const p = path.index(i);
    if (!ss?.addresses?.length && !ss?.notReadyAddresses?.length) errs.push(fieldError.required(p.text, 'must specify `addresses` or `notReadyAddresses`'));
    for (const list of ['addresses', 'notReadyAddresses']) {
      (ss?.[list] ?? []).forEach((a: Obj, j: number) => {
        if (!isValidIPv4(a?.ip ?? '')) errs.push(fieldError.invalid(p.child(list).index(j).child('ip').text, a?.ip ?? '', VALID_IP));
      });
    }
    (ss?.ports ?? []).forEach((port: Obj, j: number) => errs.push(...validatePort(port ?? {}, ss.ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}

export function endpointsStrategy(): Strategy {
  const validate = (obj: KubeObject) => [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateEndpointSubsets(obj.subsets, Path.of('subsets'))];
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultEndpoints(obj),
    validate,
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateEndpointSubsets(obj.subsets, Path.of('subsets'))],
  };
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** ValidateEndpointSlice (discovery/v1). */
function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!es.addressType) errs.push(fieldError.required('addressType'));
  else if (!ADDRESS_TYPES.includes(es.addressType)) errs.push(fieldError.notSupported('addressType', es.addressType, ADDRESS_TYPES));
  (es.endpoints ?? []).forEach((ep: Obj, i: number) => {
    const p = Path.of('endpoints').index(i);
    if (!ep?.addresses?.length) errs.push(fieldError.required(p.child('addresses').text, 'must contain at least 1 address'));
    else if (ep.addresses.length > 100) errs.push({ type: 'TooMany', field: p.child('addresses').text, detail: `Too many: ${ep.addresses.length}: must have at most 100 items` });
    if (es.addressType === 'IPv4') {
      (ep?.addresses ?? []).forEach((a: string, j: number) => {
        if (!isValidIPv4(a)) errs.push(fieldError.invalid(p.child('addresses').index(j).text, a, VALID_IP));
      });
    }
  });
  (es.ports ?? []).forEach((port: Obj, i: number) => {
    const p = Path.of('ports').index(i);
    if (port?.name) errs.push(...validateDNS1123Label(port.name, p.child('name')));
    if (port?.port !== undefined && port?.port !== null) for (const m of isValidPortNum(port.port)) errs.push(fieldError.invalid(p.child('port').text, port.port, m));
    if (port?.protocol && !SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)) errs.push(fieldError.notSupported(p.child('protocol').text, port.protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

export function endpointSliceStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultEndpointSlice(obj),
    validate: (obj) => [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateEndpointSlice(obj)],
    validateUpdate: (obj, old) => [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...(obj.addressType !== old.addressType ? [fieldError.invalid('addressType', obj.addressType, 'field is immutable')] : []),
      ...validateEndpointSlice(obj),
    ],
  };
}

export function nodeStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultNode(obj),
    // ValidateNode: cluster-scoped, a DNS subdomain name.
    validate: (obj) => validateObjectMeta(obj.metadata, false, nameIsDNSSubdomain),
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  };
}

export function namespaceStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultNamespace(obj),
    prepareForCreate(obj) {
      // namespaceStrategy.PrepareForCreate: status Active, the `kubernetes` finalizer.
      obj.status = { phase: 'Active' };
      const finalizers: string[] = obj.spec?.finalizers ?? [];
      obj.spec = { ...(obj.spec ?? {}), finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
    },
    // ValidateNamespace: cluster-scoped, a DNS label name (ValidateNamespaceName).
    validate: (obj) => validateObjectMeta(obj.metadata, false, nameIsDNSLabel),
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
    // registry/core/namespace/storage REST.Delete: the first DELETE sets deletionTimestamp and phase
    // Terminating; while spec.finalizers (the namespace controller's `kubernetes`) remain, the
    // namespace stays, and another DELETE is a Conflict. Deviation: the namespace controller clears
    // spec.finalizers with an ordinary update rather than the /finalize subresource.
    beginDelete(ns, ctx) {
      const pending = (ns.spec?.finalizers ?? []).length > 0;
      if (!ns.metadata.deletionTimestamp) {
        const marked: KubeObject = { ...ns, metadata: { ...ns.metadata, deletionTimestamp: ctx.clock.timestamp() }, status: { ...(ns.status ?? {}), phase: 'Terminating' } };
        // Without spec finalizers the generic delete follows at once.
        return pending ? marked : undefined;
      }
      if (pending) {
        throw new StatusError(
          'Conflict',
          `Operation cannot be fulfilled on namespaces "${ns.metadata.name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
          [],
          'namespaces',
          ns.metadata.name,
        );
      }
      return undefined;
    },
    // ShouldDeleteNamespaceDuringUpdate: also only once spec.finalizers is empty.
    shouldDeleteDuringUpdate: (ns) => !(ns.spec?.finalizers ?? []).length,
  };
}

export function eventStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    validate: (obj) => validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  };
}
