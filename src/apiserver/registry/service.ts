// Service strategy and the service REST's allocation: pkg/registry/core/service/strategy.go
// (PrepareForUpdate, dropTypeDependentFields), pkg/registry/core/service/storage/storage.go
// (beginCreate/beginUpdate: normalizeClusterIPs, patchAllocatedValues) and alloc.go (IP families,
// ClusterIP and NodePort allocation), with the validation of pkg/apis/core/validation
// (ValidateServiceCreate / ValidateServiceUpdate).
//
// Allocation happens in prepareForCreate / prepareForUpdate, before validation, because upstream
// allocates in the REST's BeginCreate/BeginUpdate hooks, which run before the strategy's
// PrepareFor* and Validate: an already-allocated nodePort is reported even when other fields are
// invalid. There is no allocator state: used addresses and ports are read from the Services in the
// store, so nothing is ever leaked or needs releasing.
import { StatusError, fieldError, invalidError, type FieldError } from '../errors';
import type { Strategy, StrategyContext } from '../strategy';
import type { KubeObject } from '../types';
import { deepEqual } from '../../util/clone';
import type { Random } from '../../util/random';
import { decodeObject } from './decode';
import { defaultService, externallyAccessible } from './defaults';
import { goIntstr, goInt32, goSharp, goString, named, ptrTo, sliceOf, struct } from '../govalue';
import { validatePortNumOrName } from './podspec';
import {
  Path,
  invalidGo,
  isDNS1123Subdomain,
  isValidIPv4,
  isValidPortNum,
  nameIsDNS1035Label,
  validateDNS1123Label,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  validateQualifiedName,
} from './validation';

type Obj = Record<string, any>;

/** kube-apiserver --service-cluster-ip-range (kubeadm's default). */
export const SERVICE_CIDR = '10.96.0.0/12';
/** kube-apiserver --service-node-port-range default. */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

// ---- the allocators' random scan with a reserved lower band (KEP-3070, KEP-3668) -------------

/**
 * pkg/registry/core/service/allocator randomScanStrategyWithOffset.AllocateBit: a random start in
 * the upper band [offset, max), scanning forward (wrapping in the band); then the lower band.
 * Returns the offset of a free item, or undefined when the range is full.
 */
export function allocateBit(rng: Random, max: number, offset: number, used: (i: number) => boolean): number | undefined {
  const upper = max - offset;
  if (upper > 0) {
    const start = rng.int(upper);
    for (let i = 0; i < upper; i++) {
      const at = offset + ((start + i) % upper);
      if (!used(at)) return at;
    }
  }
  if (offset > 0) {
    const start = rng.int(offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!used(at)) return at;
    }
  }
  return undefined;
}

/** portallocator calculateRangeOffset: min(max(16, size/32), 128); ranges under 16 ports have none. */
export function nodePortRangeOffset(size: number): number {
  if (size < 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** ipallocator calculateRangeOffset: min(max(16, cidrSize/16), 256); CIDRs of 16 or fewer have none. */
export function ipRangeOffset(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** The ClusterIP range: network+1 .. broadcast-1, as ipallocator.New lays it out. */
function ipRange(cidr: string = SERVICE_CIDR): { base: number; max: number; offset: number } {
  const [addr, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return { base: ipToInt(addr) + 1, max: Math.max(0, size - 2), offset: ipRangeOffset(size) };
}

function usedClusterIPs(ctx: StrategyContext, self?: KubeObject): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.list('Service')) {
    if (self && s.metadata.uid === self.metadata.uid) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) used.add(ip);
  }
  return used;
}

/** Service.Spec.ClusterIPs, a []string, as the errors that pass it print it. */
const CLUSTER_IPS = sliceOf(goString);
/** Service.Spec.IPFamilies, a []core.IPFamily. */
const IP_FAMILIES = sliceOf(named('core.IPFamily'));
/** core.ServicePort (pkg/apis/core/types.go, field order): the key of the duplicate-port check. */
const SERVICE_PORT = struct('core.ServicePort', [
  ['Name', 'name', goString],
  ['Protocol', 'protocol', named('core.Protocol')],
  ['AppProtocol', 'appProtocol', ptrTo(goString)],
  ['Port', 'port', goInt32],
  ['TargetPort', 'targetPort', goIntstr],
  ['NodePort', 'nodePort', goInt32],
]);

function usedNodePorts(ctx: StrategyContext, self?: KubeObject): Set<number> {
  const used = new Set<number>();
  for (const s of ctx.list('Service')) {
    if (self && s.metadata.uid === self.metadata.uid) continue;
    for (const p of s.spec?.ports ?? []) if (p?.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}

function nodePortError(svc: KubeObject, i: number, port: number, detail: string): StatusError {
  return invalidError('Service', '', svc.metadata.name ?? '', [fieldError.invalid(Path.of('spec', 'ports').index(i).child('nodePort').text, port, detail)]);
}

const NOT_IN_RANGE = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`;
const PORT_ALLOCATED = 'provided port is already allocated';

/** An operation on the node-port allocator: Allocate(port) / AllocateNext(), over a used set. */
class NodePortOp {
  constructor(
    private readonly used: Set<number>,
    private readonly rng: Random,
  ) {}

  /** portallocator.Allocate: the error text, or undefined when allocated. */
  allocate(port: number): string | undefined {
    const off = port - NODE_PORT_RANGE.base;
    if (off < 0 || off >= NODE_PORT_RANGE.size) return NOT_IN_RANGE;
    if (this.used.has(port)) return PORT_ALLOCATED;
    this.used.add(port);
    return undefined;
  }

  /** portallocator.AllocateNext: a random free port, upper band first. */
  allocateNext(): number {
    const at = allocateBit(this.rng, NODE_PORT_RANGE.size, nodePortRangeOffset(NODE_PORT_RANGE.size), (i) => this.used.has(NODE_PORT_RANGE.base + i));
    if (at === undefined) throw new StatusError('InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
    const port = NODE_PORT_RANGE.base + at;
    this.used.add(port);
    return port;
  }
}

/** service.Spec.Type == NodePort, or LoadBalancer with allocateLoadBalancerNodePorts. */
function shouldAllocateNodePorts(spec: Obj): boolean {
  if (spec.type === 'NodePort') return true;
  if (spec.type === 'LoadBalancer') return spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

const needsClusterIP = (spec: Obj) => spec.type !== 'ExternalName';
const needsNodePort = (spec: Obj) => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
const needsHCNodePort = (spec: Obj) => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
const isHeadless = (spec: Obj) => spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';

/** alloc.go allocNodePorts (create): explicit ports must be free and in range, the rest allocated. */
function allocNodePortsCreate(svc: KubeObject, op: NodePortOp): void {
  const spec = svc.spec as Obj;
  const svcPortToNodePort = new Map<number, number>();
  (spec.ports ?? []).forEach((p: Obj, i: number) => {
    if (!p) return;
    if (!p.nodePort && !shouldAllocateNodePorts(spec)) return; // don't allocate, but respect requests
    const allocated = svcPortToNodePort.get(p.port);
    if (allocated === undefined) {
      // findRequestedNodePort: a nodePort some entry of the same port number asked for.
      const requested = (spec.ports as Obj[]).find((q) => q?.port === p.port && q.nodePort)?.nodePort ?? 0;
      if (requested) {
        const err = op.allocate(requested);
        if (err) throw nodePortError(svc, i, requested, err);
        p.nodePort = requested;
        svcPortToNodePort.set(p.port, requested);
      } else {
        p.nodePort = op.allocateNext();
        svcPortToNodePort.set(p.port, p.nodePort);
      }
    } else if (p.nodePort !== allocated) {
      // Same port number, another protocol: share the node port unless one was asked for.
      if (!p.nodePort) p.nodePort = allocated;
      else {
        const err = op.allocate(p.nodePort);
        if (err) throw nodePortError(svc, i, p.nodePort, err);
      }
    }
  });
}

/** alloc.go updateNodePorts: ports the old service held stay; new explicit ones must be free. */
function allocNodePortsUpdate(svc: KubeObject, old: KubeObject, op: NodePortOp): void {
  const spec = svc.spec as Obj;
  const oldPorts = new Set<number>([...((old.spec?.ports as Obj[] | undefined) ?? [])].map((p) => p?.nodePort).filter(Boolean));
  const allocatedHere = new Set<number>();
  (spec.ports ?? []).forEach((p: Obj, i: number) => {
    if (!p) return;
    if (!p.nodePort && !shouldAllocateNodePorts(spec)) return;
    if (p.nodePort) {
      if (!oldPorts.has(p.nodePort) && !allocatedHere.has(p.nodePort)) {
        const err = op.allocate(p.nodePort);
        if (err) throw nodePortError(svc, i, p.nodePort, err);
        allocatedHere.add(p.nodePort);
      }
    } else {
      p.nodePort = op.allocateNext();
    }
  });
}

/** alloc.go allocHealthCheckNodePort. */
function allocHealthCheckNodePort(svc: KubeObject, op: NodePortOp): void {
  const spec = svc.spec as Obj;
  if (!needsHCNodePort(spec)) return;
  if (spec.healthCheckNodePort) {
    const err = op.allocate(spec.healthCheckNodePort);
    if (err) {
      throw invalidError('Service', '', svc.metadata.name ?? '', [fieldError.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, `failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: ${err}`)]);
    }
  } else {
    spec.healthCheckNodePort = op.allocateNext();
  }
}

/** alloc.go initIPFamilyFields, for a single-stack IPv4 cluster. */
function initIPFamilyFields(svc: KubeObject, old: KubeObject | undefined): void {
  const spec = svc.spec as Obj;
  if (spec.type === 'ExternalName') {
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
    return;
  }
  if (old && needsClusterIP(old.spec ?? {})) {
    // kubectl apply without these fields: keep what was chosen before.
    if (!spec.ipFamilyPolicy && old.spec?.ipFamilyPolicy) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    if (!spec.ipFamilies?.length && old.spec?.ipFamilies?.length) spec.ipFamilies = [...old.spec.ipFamilies];
  }
  // Both checks report together, as alloc.go collects them: a family the cluster lacks is named
  // at its index, field.Invalid(ipFamilies.Index(i), ipFamily, ...).
  const familyErrs: FieldError[] = [];
  if (spec.ipFamilyPolicy === 'RequireDualStack' && !(isHeadless(spec) && !Object.keys(spec.selector ?? {}).length)) {
    familyErrs.push(fieldError.invalid('spec.ipFamilyPolicy', 'RequireDualStack', 'this cluster is not configured for dual-stack services'));
  }
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (f === 'IPv6') familyErrs.push(fieldError.invalid(Path.of('spec', 'ipFamilies').index(i).text, f, 'not configured on this cluster'));
  });
  if (familyErrs.length) throw invalidError('Service', '', svc.metadata.name ?? '', familyErrs);
  // Headless services without a selector default to RequireDualStack (docs: dual-stack services).
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = isHeadless(spec) && !Object.keys(spec.selector ?? {}).length ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

/** Allocate a ClusterIP when none was given; check one that was given. */
function allocClusterIP(svc: KubeObject, ctx: StrategyContext, old: KubeObject | undefined): void {
  const spec = svc.spec as Obj;
  if (!needsClusterIP(spec) || isHeadless(spec)) return;
  if (old && spec.clusterIPs?.length && deepEqual(spec.clusterIPs, old.spec?.clusterIPs)) return;
  const used = usedClusterIPs(ctx, old);
  const range = ipRange();
  if (spec.clusterIPs?.length) {
    const ip = spec.clusterIPs[0];
    if (!isValidIPv4(ip)) return; // validation reports it
    const at = ipToInt(ip) - range.base;
    let err: string | undefined;
    if (at < 0 || at >= range.max) err = `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
    else if (used.has(ip)) err = 'provided IP is already allocated';
    if (err) throw invalidError('Service', '', svc.metadata.name ?? '', [invalidGo(Path.of('spec', 'clusterIPs'), spec.clusterIPs, CLUSTER_IPS, `failed to allocate IP ${ip}: ${err}`)]);
    return;
  }
  const at = allocateBit(ctx.rng, range.max, range.offset, (i) => used.has(intToIp(range.base + i)));
  if (at === undefined) throw new StatusError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
  spec.clusterIP = intToIp(range.base + at);
  spec.clusterIPs = [spec.clusterIP];
}

// ---- storage.go: normalizeClusterIPs and patchAllocatedValues --------------------------------

function sameClusterIPs(a: Obj, b: Obj): boolean {
  return deepEqual(a.clusterIPs ?? [], b.clusterIPs ?? []);
}

export function normalizeClusterIPs(spec: Obj, old: Obj | undefined): void {
  if (!old) {
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (old.clusterIPs?.length && !spec.clusterIPs?.length && old.clusterIP === spec.clusterIP) spec.clusterIPs = old.clusterIPs;
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (old.clusterIP && !spec.clusterIP) {
      if (sameClusterIPs(old, spec)) delete spec.clusterIPs;
    } else if (sameClusterIPs(old, spec)) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

export function patchAllocatedValues(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
    if (!spec.clusterIP) delete spec.clusterIP;
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const newUsed = new Set((spec.ports ?? []).map((p: Obj) => p?.nodePort).filter(Boolean));
    const used = new Set((old.ports ?? []).map((p: Obj) => p?.nodePort).filter((n: number) => n && newUsed.has(n)));
    // NodePorts by port name: the user may have changed other properties of the port.
    const byName = new Map<string, number>();
    for (const p of old.ports ?? []) if (p) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of spec.ports ?? []) {
      if (p && !p.nodePort) {
        const v = byName.get(p.name ?? '') ?? 0;
        if (v && !used.has(v)) p.nodePort = v;
      }
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.healthCheckNodePort;
}

/** strategy.go dropTypeDependentFields: wipe what the new type no longer needs, if unchanged. */
export function dropTypeDependentFields(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (sameClusterIPs(old, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(old.ipFamilies ?? [], spec.ipFamilies ?? [])) delete spec.ipFamilies;
    if ((old.ipFamilyPolicy ?? '') === (spec.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    const same = deepEqual(
      (old.ports ?? []).map((p: Obj) => p?.nodePort ?? 0),
      (spec.ports ?? []).map((p: Obj) => p?.nodePort ?? 0),
    );
    if (same) for (const p of spec.ports ?? []) if (p) delete p.nodePort;
  }
  if (needsHCNodePort(old) && !needsHCNodePort(spec) && (old.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0)) delete spec.healthCheckNodePort;
  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && old.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass !== undefined && old.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && old.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

// ---- validation ------------------------------------------------------------------------------

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** validateServicePort. */
function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fieldError.required(path.child('name').text));
  else if (p.name) {
    errs.push(...validateDNS1123Label(p.name, path.child('name')));
    if (names.has(p.name)) errs.push(fieldError.duplicate(path.child('name').text, p.name));
    else names.add(p.name);
  }
  for (const m of isValidPortNum(p.port ?? 0)) errs.push(fieldError.invalid(path.child('port').text, p.port ?? 0, m));
  if (!p.protocol) errs.push(fieldError.required(path.child('protocol').text));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(p.protocol)) errs.push(fieldError.notSupported(path.child('protocol').text, p.protocol, SUPPORTED_PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, path.child('targetPort')));
  if (p.appProtocol !== undefined && p.appProtocol !== null) errs.push(...validateQualifiedName(p.appProtocol, path.child('appProtocol')));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPsRelatedFields(spec: Obj, old: Obj | undefined): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const path = Path.of('spec', 'clusterIPs');
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (!ips.length) errs.push(fieldError.required(path.text));
    else if (ips[0] !== spec.clusterIP) errs.push(invalidGo(path, ips, CLUSTER_IPS, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalidGo(path, ips, CLUSTER_IPS, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldError.notSupported(Path.of('spec', 'ipFamilies').index(i).text, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldError.duplicate(Path.of('spec', 'ipFamilies').index(i).text, f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(fieldError.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(invalidGo(path, ips, CLUSTER_IPS, "'None' must be the first and only value"));
      }
      return;
    }
    if (!(old?.clusterIPs ?? []).includes(ip) && !isValidIPv4(ip)) {
      invalidIPs = true;
      errs.push(fieldError.invalid(path.index(i).text, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  if (ips.length > 2) errs.push(invalidGo(path, ips, CLUSTER_IPS, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (ips.length > 1) errs.push(invalidGo(path, ips, CLUSTER_IPS, 'may specify no more than one IP for each IP family'));
  return errs;
}

/** validateService (shared by create and update; object metadata is checked by the callers). */
function validateService(svc: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec: Obj = svc.spec ?? {};
  const specPath = Path.of('spec');
  const errs: FieldError[] = [];
  const ports: Obj[] = spec.ports ?? [];
  if (!ports.length && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(fieldError.required(specPath.child('ports').text));
  switch (spec.type) {
    case 'LoadBalancer':
      if (isHeadless(spec)) errs.push(fieldError.invalid(specPath.child('clusterIPs').index(0).text, spec.clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(spec)) errs.push(fieldError.invalid(specPath.child('clusterIPs').index(0).text, spec.clusterIPs[0], "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (spec.clusterIPs?.length) errs.push(fieldError.forbidden(specPath.child('clusterIPs').text, 'may not be set for ExternalName services'));
      if (spec.ipFamilies?.length) errs.push(fieldError.forbidden(specPath.child('ipFamilies').text, 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(fieldError.forbidden(specPath.child('ipFamilyPolicy').text, 'may not be set for ExternalName services'));
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(fieldError.invalid(specPath.child('externalName').text, cname, m));
      else errs.push(fieldError.required(specPath.child('externalName').text));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));
  if (!spec.sessionAffinity) errs.push(fieldError.required(specPath.child('sessionAffinity').text));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(fieldError.notSupported(specPath.child('sessionAffinity').text, spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const p = specPath.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    if (t !== undefined && t !== null && (t <= 0 || t > 86400)) errs.push(fieldError.invalid(p.text, t, 'must be greater than 0 and less than 86400'));
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(fieldError.forbidden(specPath.child('sessionAffinityConfig').text, 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(spec, old?.spec));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!(old?.spec?.externalIPs ?? []).includes(ip) && !isValidIPv4(ip)) {
      errs.push(fieldError.invalid(specPath.child('externalIPs').index(i).text, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!spec.type) errs.push(fieldError.required(specPath.child('type').text));
  else if (!types.includes(spec.type)) errs.push(fieldError.notSupported(specPath.child('type').text, spec.type, types));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push(fieldError.forbidden(specPath.child('ports').index(i).child('nodePort').text, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  // Duplicate NodePorts and Ports, by (protocol, port).
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(fieldError.duplicate(specPath.child('ports').index(i).child('nodePort').text, p.nodePort));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p?.protocol}/${p?.port ?? 0}`;
    // field.Duplicate(portPath, core.ServicePort{Protocol: port.Protocol, Port: port.Port}): %#v of the key.
    if (seenPorts.has(key)) errs.push({ type: 'Duplicate', field: specPath.child('ports').index(i).text, detail: `Duplicate value: ${goSharp({ protocol: p?.protocol, port: p?.port }, SERVICE_PORT)}` });
    seenPorts.add(key);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && spec.type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden(specPath.child('allocateLoadBalancerNodePorts').text, "may only be used when `type` is 'LoadBalancer'"));
  }
  // (Upstream names this path without `spec.`.)
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) errs.push(fieldError.required('allocateLoadBalancerNodePorts'));
  // validateServiceExternalTrafficPolicy
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(fieldError.invalid(specPath.child('externalTrafficPolicy').text, spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) errs.push(fieldError.required(specPath.child('externalTrafficPolicy').text));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) errs.push(fieldError.notSupported(specPath.child('externalTrafficPolicy').text, spec.externalTrafficPolicy, ['Cluster', 'Local']));
  if (!needsHCNodePort(spec)) {
    if (spec.healthCheckNodePort) errs.push(fieldError.invalid(specPath.child('healthCheckNodePort').text, spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (!spec.healthCheckNodePort) errs.push(fieldError.required(specPath.child('healthCheckNodePort').text));
  // validateServiceInternalTrafficFieldsValue
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    errs.push(fieldError.required(specPath.child('internalTrafficPolicy').text));
  }
  if (spec.internalTrafficPolicy && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) errs.push(fieldError.notSupported(specPath.child('internalTrafficPolicy').text, spec.internalTrafficPolicy, ['Cluster', 'Local']));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fieldError.notSupported(specPath.child('trafficDistribution').text, spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs. */
function validateUpgradeDowngradeClusterIPs(old: Obj, spec: Obj): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(old) && isHeadless(spec)) return [];
  const errs: FieldError[] = [];
  const path = Path.of('spec', 'clusterIPs');
  const o: string[] = old.clusterIPs ?? [];
  const n: string[] = spec.clusterIPs ?? [];
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push(invalidGo(path.index(i), n, CLUSTER_IPS, 'may not change once set'));
    });
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push(invalidGo(path.index(0), spec.clusterIPs, CLUSTER_IPS, 'primary clusterIP can not be unset'));
    if (o.length && n.length && n[0] !== o[0]) errs.push(invalidGo(path.index(0), n, CLUSTER_IPS, 'may not change once set'));
    if (n.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      // service.Spec.IPFamilyPolicy is a *core.IPFamilyPolicy: nil prints as "null".
      errs.push(invalidGo(Path.of('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy, ptrTo(named('core.IPFamilyPolicy')), "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (o.length && n[0] !== o[0]) {
    errs.push(invalidGo(path.index(0), n, CLUSTER_IPS, 'may not change once set'));
  }
  return errs;
}

/** validateUpgradeDowngradeIPFamilies (single-stack: only the primary can differ). */
function validateUpgradeDowngradeIPFamilies(old: Obj, spec: Obj): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(old) !== isHeadless(spec) || isHeadless(spec)) return [];
  const o: string[] = old.ipFamilies ?? [];
  const n: string[] = spec.ipFamilies ?? [];
  const errs: FieldError[] = [];
  if (o.length === n.length) {
    o.forEach((f, i) => {
      if (f !== n[i]) errs.push(invalidGo(Path.of('spec', 'ipFamilies').index(0), n, IP_FAMILIES, 'may not change once set'));
    });
  }
  return errs;
}

export function validateServiceCreate(svc: KubeObject): FieldError[] {
  return [...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label), ...validateService(svc, undefined)];
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const spec: Obj = svc.spec ?? {};
  const oldSpec: Obj = old.spec ?? {};
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  errs.push(...validateUpgradeDowngradeClusterIPs(oldSpec, spec));
  errs.push(...validateUpgradeDowngradeIPFamilies(oldSpec, spec));
  if (needsHCNodePort(oldSpec) && needsHCNodePort(spec) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(fieldError.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  errs.push(...validateService(svc, old));
  return errs;
}

export function serviceStrategy(): Strategy {
  return {
    decode: (obj) => decodeObject(obj),
    defaults: (obj) => defaultService(obj),
    prepareForCreate(obj, ctx) {
      const spec = (obj.spec = obj.spec ?? {});
      // beginCreate: normalizeClusterIPs, then allocateCreate (families, ClusterIP, node ports).
      normalizeClusterIPs(spec, undefined);
      initIPFamilyFields(obj, undefined);
      allocClusterIP(obj, ctx, undefined);
      const op = new NodePortOp(usedNodePorts(ctx), ctx.rng);
      allocNodePortsCreate(obj, op);
      allocHealthCheckNodePort(obj, op);
      // svcStrategy.PrepareForCreate: a fresh status.
      obj.status = { loadBalancer: {} };
    },
    prepareForUpdate(obj, old, ctx) {
      const spec = (obj.spec = obj.spec ?? {});
      const oldSpec: Obj = old.spec ?? {};
      // beginUpdate: patchAllocatedValues, normalizeClusterIPs, allocateUpdate.
      patchAllocatedValues(spec, oldSpec);
      normalizeClusterIPs(spec, oldSpec);
      initIPFamilyFields(obj, old);
      allocClusterIP(obj, ctx, old);
      const op = new NodePortOp(usedNodePorts(ctx, old), ctx.rng);
      if (shouldAllocateNodePorts(spec) || (spec.ports ?? []).some((p: Obj) => p?.nodePort)) allocNodePortsUpdate(obj, old, op);
      if (needsHCNodePort(spec) && !(needsHCNodePort(oldSpec) && spec.healthCheckNodePort === oldSpec.healthCheckNodePort)) allocHealthCheckNodePort(obj, op);
      // svcStrategy.PrepareForUpdate: status kept (by the API server), dropTypeDependentFields.
      dropTypeDependentFields(spec, oldSpec);
      if (spec.type !== 'LoadBalancer' && obj.status) obj.status = { ...obj.status, loadBalancer: {} };
    },
    validate: (obj) => validateServiceCreate(obj),
    validateUpdate: (obj, old) => validateServiceUpdate(obj, old),
  };
}
