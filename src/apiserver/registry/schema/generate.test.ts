// The committed type table must be what the generator makes from the installed kubernetes-models.
import * as fs from 'fs';
import * as path from 'path';
import { NOT_IN_V1_32, generate, indexDeclarations } from './generate';
import { STRUCTS, ROOTS } from './types.generated';
import { decodeObject } from '../decode';
import { generate as generateOpenApi } from '../../../serve/openapi/generate';

describe('types.generated.ts', () => {
  test('is up to date with the installed kubernetes-models (regenerate with `npx ts-node src/apiserver/registry/schema/generate.ts`)', () => {
    const committed = fs.readFileSync(path.join(__dirname, 'types.generated.ts'), 'utf8');
    expect(generate()).toBe(committed);
  });

  test('holds the Go shapes error messages need', () => {
    expect(ROOTS.Deployment).toBe('IoK8sApiAppsV1Deployment');
    expect(STRUCTS.IoK8sApiAppsV1DeploymentSpec).toEqual([
      'v1.DeploymentSpec',
      expect.objectContaining({ replicas: 'int32', selector: '@IoK8sApimachineryPkgApisMetaV1LabelSelector', template: '@IoK8sApiCoreV1PodTemplateSpec' }),
    ]);
    // Numbers' widths are asked of the OpenAPI validator: int64 for user ids, int32 for ports.
    expect(STRUCTS.IoK8sApiCoreV1PodSecurityContext[1].runAsUser).toBe('int64');
    expect(STRUCTS.IoK8sApiCoreV1ContainerPort[1]).toEqual({ containerPort: 'int32', hostIP: 'string', hostPort: 'int32', name: 'string', protocol: 'v1.Protocol=string' });
    expect(STRUCTS.IoK8sApiCoreV1ResourceRequirements[1].limits).toBe('v1.ResourceList=map[string]quantity');
    expect(STRUCTS.IoK8sApiAppsV1RollingUpdateDeployment[1]).toEqual({ maxSurge: 'intstr', maxUnavailable: 'intstr' });
    // DaemonEndpoint's field really is spelled `Port`.
    expect(STRUCTS.IoK8sApiCoreV1DaemonEndpoint[1]).toEqual({ Port: 'int32' });
  });
});

// kubernetes-models 4.5.1 is v1.33; kubespec is v1.32 (issue #10). The fields v1.33 added to the
// structs kubespec decodes and serves are left out (NOT_IN_V1_32, which cites the KEPs): a v1.32 API
// server's strict decoding calls them unknown fields, and its OpenAPI documents do not have them.
describe('the type table is v1.32', () => {
  const fields = [...NOT_IN_V1_32].map((k) => k.split('.') as [string, string]);

  test('each left-out field is one the installed kubernetes-models has (the list is not stale)', () => {
    const decls = indexDeclarations();
    for (const [id, field] of fields) {
      const decl = decls.get(id)!;
      expect({ id, declared: fs.readFileSync(decl.file, 'utf8').includes(`"${field}"?:`) }).toEqual({ id, declared: true });
      expect({ id, field, inTable: field in STRUCTS[id][1] }).toEqual({ id, field, inTable: false });
    }
    // The structs only those fields reach are gone too.
    expect(STRUCTS).not.toHaveProperty('IoK8sApiCoreV1NodeSwapStatus');
    expect(STRUCTS).not.toHaveProperty('IoK8sApiDiscoveryV1ForNode');
  });

  test('strict decoding reports them as unknown fields, as a v1.32 server does', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', lifecycle: { stopSignal: 'SIGTERM' } }] } },
      },
      status: { terminatingReplicas: 1 },
    };
    expect(decodeObject(deployment)?.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].lifecycle.stopSignal", unknown field "status.terminatingReplicas"',
    );
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True', observedGeneration: 1 }] } };
    expect(decodeObject(pod)?.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "status.conditions[0].observedGeneration", unknown field "status.observedGeneration"');
  });

  test('the served OpenAPI documents do not have them either', () => {
    const v2 = JSON.parse(generateOpenApi().files.get('v2.json')!.toString('utf8')) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const props = (name: string) => Object.keys(v2.definitions[name].properties ?? {});
    expect(props('io.k8s.api.apps.v1.DeploymentStatus')).not.toContain('terminatingReplicas');
    expect(props('io.k8s.api.apps.v1.ReplicaSetStatus')).not.toContain('terminatingReplicas');
    expect(props('io.k8s.api.core.v1.Lifecycle')).not.toContain('stopSignal');
    expect(props('io.k8s.api.core.v1.PodStatus')).not.toContain('observedGeneration');
    expect(props('io.k8s.api.core.v1.NodeSystemInfo')).not.toContain('swap');
    expect(props('io.k8s.api.discovery.v1.EndpointHints')).toEqual(['forZones']);
    expect(v2.definitions).not.toHaveProperty(['io.k8s.api.core.v1.NodeSwapStatus']);
    // What v1.32 does have stays (PodLevelResources, v1.32 alpha).
    expect(props('io.k8s.api.core.v1.PodSpec')).toContain('resources');
  });
});
