// Decode-time errors: the wording of apimachinery's JSON serializer and of sigs.k8s.io/json,
// `<Kind> in version "<v>" cannot be handled as a <Kind>: <err>` (runtime/serializer/json, through
// the handlers' transformDecodeError). Reference renderings, from real API servers:
//  - `json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`
//    (dotnet/dotnet-docker-like reports, neondatabase/helm-charts#71: no indices in Go field paths)
//  - `strict decoding error: unknown field "spec.template.spec.initContainers[0].volumeMounts[5].hostPath"`
//    (GoogleCloudPlatform/container-engine-accelerators#265: indices in strict paths)
//  - `strict decoding error: unknown field "spec.template.metadata.containers", unknown field "spec.template.metadata.volumes"`
//    (dotnet/dotnet-docker#5214: several, comma-separated)
import fc from 'fast-check';
import { ApiServer } from '../apiserver';
import { isStatusError, type StatusError } from '../errors';
import type { KubeObject } from '../types';
import { Clock } from '../../util/clock';
import { deepClone } from '../../util/clone';
import { Random } from '../../util/random';
import { decodeObject, openApiTypeErrors, pruneUnknownFields } from './decode';
import { defaultStrategies } from '.';

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: 'x' }] }] },
      },
    },
  };
}

function createError(obj: KubeObject): StatusError {
  const api = new ApiServer(new Clock(), new Random(1), defaultStrategies());
  try {
    api.create(obj);
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('create succeeded');
}

const PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: ';

describe('type errors', () => {
  test('a string where an int32 goes (the brief example)', () => {
    const d = deployment();
    d.spec.replicas = '3';
    const err = createError(d);
    expect(err.reason).toBe('BadRequest');
    expect(err.code).toBe(400);
    expect(err.message).toBe(`${PREFIX}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`);
    expect(err.causes).toEqual([{ type: 'Invalid', field: 'spec.replicas', detail: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' }]);
  });

  test('Go field paths drop list indices and map keys; the cause keeps them', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].env[0].value = 5;
    const err = createError(d);
    expect(err.message).toBe(`${PREFIX}json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`);
    expect(err.causes[0].field).toBe('spec.template.spec.containers[0].env[0].value');

    const l = deployment();
    (l.metadata as any).labels = { 'app.kubernetes.io/version': 1.2 };
    const e2 = createError(l);
    expect(e2.message).toBe(`${PREFIX}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`);
    expect(e2.causes[0].field).toBe('metadata.labels[app.kubernetes.io/version]');
  });

  test('numbers Go cannot store in the integer are quoted with their literal', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 31;
    expect(createError(d).message).toBe(`${PREFIX}json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32`);
    const f = deployment();
    f.spec.replicas = 1.5;
    expect(createError(f).message).toBe(`${PREFIX}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`);
  });

  test('named Go types, structs, slices and maps are named as reflect prints them', () => {
    const cases: [(d: KubeObject) => void, string][] = [
      [(d) => (d.spec.template.spec.containers[0].ports[0].protocol = 6), 'number into Go struct field ContainerPort.spec.template.spec.containers.ports.protocol of type v1.Protocol'],
      [(d) => (d.spec.template.spec.restartPolicy = true), 'bool into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy'],
      [(d) => (d.spec.template = 'nginx'), 'string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec'],
      [(d) => (d.spec.template.spec.containers = { name: 'x' }), 'object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
      [(d) => (d.spec.selector.matchLabels = ['app']), 'array into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string'],
      [(d) => (d.spec.template.spec.containers[0].resources = { limits: 'big' }), 'string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList'],
      [(d) => (d.spec.paused = 'yes'), 'string into Go struct field DeploymentSpec.spec.paused of type bool'],
    ];
    for (const [mutate, body] of cases) {
      const d = deployment();
      mutate(d);
      expect(decodeObject(d)?.message).toBe(`${PREFIX}json: cannot unmarshal ${body}`);
    }
  });

  test('IntOrString decodes anything but a string into its int32 (intstr.IntOrString.UnmarshalJSON)', () => {
    const d = deployment();
    d.spec.strategy = { rollingUpdate: { maxSurge: 1.5 } };
    expect(decodeObject(d)?.message).toBe(`${PREFIX}json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32`);
    d.spec.strategy = { rollingUpdate: { maxSurge: true } };
    expect(decodeObject(d)?.message).toBe(`${PREFIX}json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32`);
    d.spec.strategy = { rollingUpdate: { maxSurge: '30%', maxUnavailable: 0 } };
    expect(decodeObject(d)).toBeUndefined();
  });

  test("a bad quantity is resource.ParseQuantity's error (quantity.go ErrFormatWrong / ErrSuffix)", () => {
    const d = deployment();
    d.spec.template.spec.containers[0].resources = { limits: { cpu: 'one' } };
    expect(decodeObject(d)?.message).toBe(`${PREFIX}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    d.spec.template.spec.containers[0].resources = { limits: { memory: '1Kk' } };
    expect(decodeObject(d)?.message).toBe(`${PREFIX}unable to parse quantity's suffix`);
    d.spec.template.spec.containers[0].resources = { limits: { cpu: '500m', memory: 128974848 }, requests: { memory: '129e6', cpu: 0.5 } };
    expect(decodeObject(d)).toBeUndefined();
  });

  test('UnmarshalJSON errors abort the decode, so they win over an earlier plain type error', () => {
    const d = deployment();
    (d.metadata as any).labels = { a: 1 };
    d.spec.template.spec.containers[0].resources = { limits: { cpu: 'x' } };
    expect(decodeObject(d)?.message).toMatch(/quantities must match/);
    // Without an aborting error, the first type error in sorted-key order is reported.
    const e = deployment();
    e.spec.replicas = 'two';
    (e.metadata as any).labels = { a: 1 };
    expect(decodeObject(e)?.message).toBe(`${PREFIX}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`);
  });

  test('null is never a type error (Go decodes it as the zero value)', () => {
    const d = deployment();
    d.spec.replicas = null;
    d.spec.template.spec.containers[0].ports[0].containerPort = null;
    (d.metadata as any).annotations = null;
    expect(decodeObject(d)).toBeUndefined();
  });

  test('type errors win over unknown fields', () => {
    const d = deployment();
    d.spec.foo = 1;
    d.spec.replicas = 'x';
    expect(decodeObject(d)?.message).toMatch(/cannot unmarshal string/);
  });

  test('other kinds name their own kind and version', () => {
    const s = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: '80' }] } };
    expect(decodeObject(s)?.message).toBe('Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32');
    const es = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [{ addresses: '10.0.0.1' }] };
    expect(decodeObject(es)?.message).toBe('EndpointSlice in version "v1" cannot be handled as a EndpointSlice: json: cannot unmarshal string into Go struct field Endpoint.endpoints.addresses of type []string');
  });
});

describe('unknown fields (strict field validation)', () => {
  test('one unknown field', () => {
    const d = deployment();
    d.spec.foo = 'bar';
    const err = createError(d);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(`${PREFIX}strict decoding error: unknown field "spec.foo"`);
    expect(err.causes).toEqual([{ type: 'Invalid', field: 'spec.foo', detail: 'unknown field "spec.foo"' }]);
  });

  test('several, in the order of the sorted-key JSON kubectl sends, with list indices', () => {
    const d = deployment();
    d.zeta = 1;
    d.spec.template.spec.containers[0].imagePullPolice = 'Always';
    d.spec.template.metadata.containers = [];
    d.spec.Replicas = 3; // field names are case-sensitive
    (d.metadata as any).label = { a: 'b' };
    expect(decodeObject(d)?.message).toBe(
      `${PREFIX}strict decoding error: unknown field "metadata.label", unknown field "spec.Replicas", unknown field "spec.template.metadata.containers", unknown field "spec.template.spec.containers[0].imagePullPolice", unknown field "zeta"`,
    );
    expect(decodeObject(d)?.causes.map((c) => c.field)).toEqual(['metadata.label', 'spec.Replicas', 'spec.template.metadata.containers', 'spec.template.spec.containers[0].imagePullPolice', 'zeta']);
  });

  test('unknown fields deep in lists of lists', () => {
    const d = deployment();
    d.spec.template.spec.containers.push({ name: 'b', image: 'b', volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'w', mountPath: '/w', hostPath: '/x' }] });
    expect(decodeObject(d)?.message).toBe(`${PREFIX}strict decoding error: unknown field "spec.template.spec.containers[1].volumeMounts[1].hostPath"`);
  });

  test('free-form fields (managedFields[].fieldsV1) accept anything', () => {
    const d = deployment();
    d.metadata.managedFields = [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    expect(decodeObject(d)).toBeUndefined();
  });

  test('the objects the cluster boots with decode cleanly', () => {
    const api = new ApiServer(new Clock(), new Random(1), defaultStrategies());
    expect(() => api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { daemonEndpoints: { kubeletEndpoint: { Port: 10250 } } } })).not.toThrow();
    expect(() => api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'm' }, status: { daemonEndpoints: { kubeletEndpoint: { port: 10250 } } } })).toThrow(
      'Node in version "v1" cannot be handled as a Node: strict decoding error: unknown field "status.daemonEndpoints.kubeletEndpoint.port"',
    );
  });

  test('update decodes the same way', () => {
    const api = new ApiServer(new Clock(), new Random(1), defaultStrategies());
    const d = api.create(deployment());
    const next = deepClone(d);
    next.spec.replicaz = 3;
    expect(() => api.update(next)).toThrow(`${PREFIX}strict decoding error: unknown field "spec.replicaz"`);
  });
});

describe('the walk agrees with the OpenAPI validator of kubernetes-models', () => {
  // Replace one leaf of a valid Deployment (or its container) by a value of another JSON type:
  // the fast walk finds a type problem exactly when kubernetes-models' validator does.
  const leaves: (string | number)[][] = [
    ['spec', 'replicas'],
    ['spec', 'paused'],
    ['spec', 'minReadySeconds'],
    ['spec', 'template', 'spec', 'containers', 0, 'image'],
    ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
    ['spec', 'template', 'spec', 'containers', 0, 'ports'],
    ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
    ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
    ['spec', 'template', 'spec', 'hostNetwork'],
    ['spec', 'template', 'metadata', 'labels', 'app'],
    ['spec', 'selector', 'matchLabels'],
    ['spec', 'strategy', 'type'],
    ['metadata', 'name'],
    ['metadata', 'generation'],
  ];
  const values = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant(['x']), fc.constant({ a: 1 }));

  test('property: no false positives, no misses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...leaves), values, (leaf, value) => {
        const d = deployment();
        d.spec.strategy = { type: 'RollingUpdate' };
        let parent: any = d;
        for (const seg of leaf.slice(0, -1)) parent = parent[seg];
        parent[leaf[leaf.length - 1]] = value;
        const openApi = openApiTypeErrors('Deployment', d).length > 0;
        // Go's own rule, which the schema lacks: an int64 field holds no integer past ±2^63.
        const int64 = leaf[leaf.length - 1] === 'terminationGracePeriodSeconds' || leaf[leaf.length - 1] === 'generation';
        const pastInt64 = int64 && typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 63;
        const err = decodeObject(d);
        const typeError = !!err && !err.message.includes('strict decoding error');
        expect(typeError).toBe(openApi || pastInt64);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('hostile input: many type problems', () => {
  // args: [1, 1, ... ×500,000] is every item a type problem: upstream answers at once with the
  // first. Looking each problem up among the others was quadratic (26 s for 40,000 items).
  const podWithArgs = (args: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'nginx', args }] } });

  test('500,000 numbers in args: the same single error as three, without a quadratic walk', () => {
    const small = decodeObject(podWithArgs([1, 2, 3]) as never)!;
    const big = decodeObject(podWithArgs(new Array(500_000).fill(1)) as never)!;
    expect(big.message).toBe(small.message);
    expect(big.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string');
    expect(big.causes).toHaveLength(1);
  });

  test('past the threshold the first problem in path order is still the one reported', () => {
    // 300 problems (past 256), the first at index 650: an object where the rest are numbers.
    const args: unknown[] = [...new Array(700).fill('ok'), ...new Array(300).fill(7)];
    args[650] = { a: 1 };
    const e = decodeObject(podWithArgs(args) as never)!;
    expect(e.causes[0].field).toBe('spec.containers[0].args[650]');
    expect(e.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field Container.spec.containers.args of type string');
  });
});

describe('hostile sizes: the problems reported are bounded', () => {
  test('unknown fields: at most 100 reported (sigs.k8s.io/json saveStrictError), the first in sorted-key order', () => {
    const d = deployment();
    d.spec.template.spec.containers = Array.from({ length: 5_000 }, (_, i) => ({ name: `c${i}`, image: 'nginx', bogus: i }));
    const err = decodeObject(d);
    expect(err?.causes).toHaveLength(100);
    expect(err?.causes[0].field).toBe('spec.template.spec.containers[0].bogus');
    expect(err?.causes[99].field).toBe('spec.template.spec.containers[99].bogus');
    expect(err?.message.match(/unknown field/g)).toHaveLength(100);
  });

  test('non-strict decoding drops every unknown field and warns about the first 100', () => {
    const d = deployment();
    d.spec.template.spec.containers = Array.from({ length: 300 }, (_, i) => ({ name: `c${i}`, image: 'nginx', bogus: i }));
    const warned = pruneUnknownFields(d);
    expect(warned).toHaveLength(100);
    expect(d.spec.template.spec.containers.every((c: Record<string, unknown>) => !('bogus' in c))).toBe(true);
  });
});
