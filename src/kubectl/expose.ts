// `kubectl expose TYPE NAME`: a Service selecting the pods of a Deployment, ReplicaSet, Pod or
// Service (expose.go with generateversioned's ServiceGeneratorV2): ports from --port or the
// object's, --target-port, --protocol, --type, --name, --selector, --labels, --cluster-ip,
// --external-ip, --load-balancer-ip, --session-affinity; sent unless --dry-run=client and printed
// `service/x exposed` or as the typed object kubectl prints.
import type { KubeObject } from '../apiserver/types';
import { checkOutput, dryRunOf, printTyped, sendCreate } from './generated';
import { KubectlError, Output, type OpResult, guarded } from './resources';
import { parseLabelSpec } from './run';
import { findObjects } from './targets';
import type { VerbContext } from './verbs-objects';

/** polymorphichelpers.MapBasedSelectorForObject */
function mapBasedSelector(obj: KubeObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new KubectlError('the pod has no labels and cannot be exposed');
      return { ...obj.metadata.labels };
    case 'Service':
      if (!obj.spec?.selector) throw new KubectlError('the service has no pod selector set');
      return { ...obj.spec.selector };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector ?? {};
      if ((sel.matchExpressions ?? []).length) throw new KubectlError(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return { ...(sel.matchLabels ?? {}) };
    }
  }
  throw new KubectlError(`cannot extract pod selector from ${obj.kind}`);
}

/** polymorphichelpers.PortsForObject / ProtocolsForObject: the container ports, or the Service's. */
function objectPorts(obj: KubeObject): { port: number; protocol: string }[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  return (spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

/** strconv.Atoi */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

export function exposeCommand(c: VerbContext): OpResult {
  return guarded((out) => expose(c, out));
}

function expose(c: VerbContext, out: Output): void {
  const fl = c.cmd.flags;
  const str = (n: string) => String(fl[n] ?? '');
  const files = (fl.filename as string[] | undefined) ?? [];
  const output = str('output');
  checkOutput(output);
  const dryRun = dryRunOf(str('dry-run'));
  if (str('overrides')) throw new KubectlError("kubespec's kubectl emulation does not support expose --overrides");
  const found = findObjects(c, { args: c.cmd.args, files });
  for (const f of found) {
    if (!f.ok) {
      out.fail(f.error);
      continue;
    }
    try {
      const object = f.object;
      // polymorphichelpers.CanBeExposed
      if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(object.kind)) throw new KubectlError(`cannot expose a ${object.kind}`);
      let selector: Record<string, string>;
      try {
        selector = str('selector') ? parseLabelSpec(str('selector')) : mapBasedSelector(object);
      } catch (e) {
        throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${e instanceof Error ? e.message : String(e)}`);
      }
      const known = objectPorts(object);
      const portStrings = str('port') ? str('port').split(',') : known.map((p) => String(p.port));
      if (!portStrings.length || (portStrings.length === 1 && !portStrings[0])) throw new KubectlError("couldn't find port via --port flag or introspection");
      const protocolOf = (port: number) => str('protocol') || known.find((p) => p.port === port)?.protocol || 'TCP';
      const target = str('target-port');
      const ports = portStrings.map((ps, i) => {
        const port = atoi(ps);
        const targetPort = target ? (/^[0-9]+$/.test(target) ? Number(target) : target) : port;
        return { ...(portStrings.length > 1 ? { name: `port-${i + 1}` } : {}), port, protocol: protocolOf(port), targetPort };
      });
      const labels = str('labels') ? parseLabelSpec(str('labels')) : object.metadata.labels;
      let name = str('name') || object.metadata.name!;
      if (name.length > 63) name = name.slice(0, 63);
      const svc: KubeObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          creationTimestamp: null,
          ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}),
          name,
          ...(c.explicitNamespace ? { namespace: c.namespace } : {}),
        } as unknown as KubeObject['metadata'],
        spec: {
          ...(str('cluster-ip') ? { clusterIP: str('cluster-ip') } : {}),
          ...(str('external-ip') ? { externalIPs: [str('external-ip')] } : {}),
          ...(str('load-balancer-ip') ? { loadBalancerIP: str('load-balancer-ip') } : {}),
          ports,
          selector,
          ...(str('session-affinity') ? { sessionAffinity: str('session-affinity') } : {}),
          ...(str('type') ? { type: str('type') } : {}),
        },
        status: { loadBalancer: {} },
      };
      const created = sendCreate(c.cluster, svc, { namespace: object.metadata.namespace ?? c.namespace, dryRun });
      out.out(printTyped(created, 'exposed', output, dryRun));
    } catch (e) {
      out.fail(e);
    }
  }
}
