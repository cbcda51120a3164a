// Deployment and ReplicaSet validation through the API server, message for message, against
// pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec, ValidateReplicaSetSpec,
// ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment),
// pkg/apis/core/validation/validation.go (ValidatePodTemplateSpec, validateContainers,
// validateContainerPorts) and pkg/registry/apps/{deployment,replicaset}/strategy.go (selector
// immutability). Values render as a v1.32 server prints them (field.Error's ErrorBody in
// k8s.io/apimachinery/pkg/util/validation/field/errors.go: %#v of the internal Go value, a Stringer's
// String()), e.g. `spec.template.metadata.labels: Invalid value: map[string]string{"app":"broken"}:
// \`selector\` does not match template \`labels\``.
import type { KubeObject } from '../types';
import { deepClone } from '../../util/clone';
import { createMessage, errorOf, newApi, nginxDeployment, replicaSet } from './testkit';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function dep(mutate: (d: KubeObject) => void): KubeObject {
  const d = nginxDeployment();
  mutate(d);
  return d;
}

const D = 'Deployment.apps "nginx-deployment" is invalid: ';

describe('Deployment validation', () => {
  test('the seed manifest is valid', () => {
    expect(() => newApi().create(nginxDeployment())).not.toThrow();
  });

  test('names are DNS-1123 subdomains', () => {
    const d = dep((x) => (x.metadata.name = 'My_App'));
    expect(createMessage(d)).toBe(`Deployment.apps "My_App" is invalid: metadata.name: Invalid value: "My_App": ${SUBDOMAIN}`);
  });

  test('a missing selector: Required, and a nil selector matches no template', () => {
    expect(createMessage(dep((x) => delete x.spec.selector))).toBe(
      `${D}[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: \`selector\` does not match template \`labels\`]`,
    );
  });

  test('an empty selector is invalid, and not checked against the template', () => {
    expect(createMessage(dep((x) => (x.spec.selector = {})))).toBe(`${D}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment`);
  });

  test('the selector must match the template labels', () => {
    expect(createMessage(dep((x) => (x.spec.selector.matchLabels = { app: 'web' })))).toBe(
      `${D}spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: \`selector\` does not match template \`labels\``,
    );
    expect(createMessage(dep((x) => delete x.spec.template.metadata.labels))).toBe(`${D}spec.template.metadata.labels: Invalid value: map[string]string(nil): \`selector\` does not match template \`labels\``);
  });

  test('non-negative counts', () => {
    const d = dep((x) => Object.assign(x.spec, { replicas: -1, minReadySeconds: -2, revisionHistoryLimit: -3 }));
    expect(createMessage(d)).toBe(
      `${D}[spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0, spec.revisionHistoryLimit: Invalid value: -3: must be greater than or equal to 0]`,
    );
  });

  test('progressDeadlineSeconds must exceed minReadySeconds', () => {
    expect(createMessage(dep((x) => Object.assign(x.spec, { minReadySeconds: 10, progressDeadlineSeconds: 10 })))).toBe(
      `${D}spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds`,
    );
    expect(createMessage(dep((x) => (x.spec.progressDeadlineSeconds = -1)))).toBe(
      `${D}[spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0, spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds]`,
    );
  });

  // An IntOrString value is no fmt.Stringer (String() is on *IntOrString), so ErrorBody prints it %#v.
  test('maxSurge and maxUnavailable may not both be 0', () => {
    expect(createMessage(dep((x) => (x.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })))).toBe(
      `${D}spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when \`maxSurge\` is 0`,
    );
    expect(createMessage(dep((x) => (x.spec.strategy = { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } })))).toBe(
      `${D}spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when \`maxSurge\` is 0`,
    );
  });

  test('percent strings: the format, and maxUnavailable at most 100%', () => {
    expect(createMessage(dep((x) => (x.spec.strategy = { rollingUpdate: { maxSurge: '20 %', maxUnavailable: 1 } })))).toBe(
      `${D}spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"20 %"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    );
    expect(createMessage(dep((x) => (x.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } })))).toBe(
      `${D}spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%`,
    );
    // maxSurge above 100% is allowed (ValidateRollingUpdateDeployment checks only maxUnavailable).
    expect(() => newApi().create(dep((x) => (x.spec.strategy = { rollingUpdate: { maxSurge: '200%' } })))).not.toThrow();
    expect(createMessage(dep((x) => (x.spec.strategy = { rollingUpdate: { maxSurge: -1 } })))).toBe(`${D}spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0`);
  });

  test('Recreate with a rollingUpdate block is forbidden', () => {
    expect(createMessage(dep((x) => (x.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } })))).toBe(
      `${D}spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy \`type\` is 'Recreate'`,
    );
  });

  test('an unknown strategy type', () => {
    expect(createMessage(dep((x) => (x.spec.strategy = { type: 'BlueGreen' })))).toBe(`${D}spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"`);
  });

  test('the template must restart Always and have no activeDeadlineSeconds', () => {
    expect(createMessage(dep((x) => (x.spec.template.spec.restartPolicy = 'Never')))).toBe(`${D}spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`);
    expect(createMessage(dep((x) => (x.spec.template.spec.activeDeadlineSeconds = 30)))).toBe(`${D}spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported`);
    expect(createMessage(dep((x) => (x.spec.template.spec.restartPolicy = 'Sometimes')))).toBe(
      `${D}[spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"]`,
    );
  });

  test('containers: required, with a name and an image', () => {
    expect(createMessage(dep((x) => (x.spec.template.spec.containers = [])))).toBe(`${D}spec.template.spec.containers: Required value`);
    expect(createMessage(dep((x) => delete x.spec.template.spec.containers[0].image))).toBe(`${D}spec.template.spec.containers[0].image: Required value`);
    expect(createMessage(dep((x) => delete x.spec.template.spec.containers[0].name))).toBe(`${D}spec.template.spec.containers[0].name: Required value`);
    expect(createMessage(dep((x) => (x.spec.template.spec.containers[0].name = 'Nginx')))).toBe(`${D}spec.template.spec.containers[0].name: Invalid value: "Nginx": ${LABEL}`);
  });

  test('container names are unique', () => {
    expect(createMessage(dep((x) => x.spec.template.spec.containers.push({ name: 'nginx', image: 'busybox' })))).toBe(`${D}spec.template.spec.containers[1].name: Duplicate value: "nginx"`);
  });

  test('container ports', () => {
    expect(createMessage(dep((x) => (x.spec.template.spec.containers[0].ports = [{ containerPort: 70000 }])))).toBe(
      `${D}spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive`,
    );
    expect(createMessage(dep((x) => (x.spec.template.spec.containers[0].ports = [{ name: 'web' }])))).toBe(`${D}spec.template.spec.containers[0].ports[0].containerPort: Required value`);
    expect(createMessage(dep((x) => (x.spec.template.spec.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }])))).toBe(
      `${D}spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`,
    );
  });

  test('template labels are validated at `spec.template.labels` (upstream uses the template path)', () => {
    expect(createMessage(dep((x) => (x.spec.template.metadata.labels = { app: 'nginx', tier: 'front end' })))).toBe(
      `${D}spec.template.labels: Invalid value: "front end": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });

  test('the selector is immutable (apps/v1)', () => {
    const api = newApi();
    const d = deepClone(api.create(nginxDeployment()));
    d.spec.selector = { matchLabels: { app: 'web' } };
    d.spec.template.metadata.labels = { app: 'web' };
    const err = errorOf(() => api.update(d));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(`${D}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`);
    // Only the selector changed: the template no longer matches either, reported first.
    const e = deepClone(api.get('Deployment', 'nginx-deployment')!);
    e.spec.selector = { matchLabels: { app: 'another-name' } };
    expect(errorOf(() => api.update(e)).message).toBe(
      `${D}[spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: \`selector\` does not match template \`labels\`, spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"another-name"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable]`,
    );
  });

  test('an equivalent selector is not a change (Semantic.DeepEqual: empty = nil)', () => {
    const api = newApi();
    const d = deepClone(api.create(nginxDeployment()));
    d.spec.selector = { matchLabels: { app: 'nginx' }, matchExpressions: [] };
    expect(() => api.update(d)).not.toThrow();
  });
});

describe('ReplicaSet validation', () => {
  const R = 'ReplicaSet.apps "3-replicaset" is invalid: ';
  test('the seed manifest is valid', () => {
    expect(() => newApi().create(replicaSet())).not.toThrow();
  });

  test('the same rules, and upstream says "deployment" in the empty-selector message', () => {
    const r = replicaSet();
    r.spec.selector = {};
    expect(createMessage(r)).toBe(`${R}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment`);
    const m = replicaSet();
    m.spec.replicas = -1;
    m.spec.template.spec.containers[0].image = '';
    expect(createMessage(m)).toBe(`${R}[spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value]`);
  });

  test('update validates the spec twice (rsStrategy.ValidateUpdate): the message lists it once, the causes twice', () => {
    const api = newApi();
    const r = deepClone(api.create(replicaSet()));
    r.spec.replicas = -1;
    const err = errorOf(() => api.update(r));
    expect(err.message).toBe(`${R}spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
    expect(err.causes.map((c) => c.field)).toEqual(['spec.replicas', 'spec.replicas']);
  });

  test('the selector is immutable', () => {
    const api = newApi();
    const r = deepClone(api.create(replicaSet()));
    r.spec.selector.matchLabels = { app: 'web' };
    r.spec.template.metadata.labels = { app: 'web' };
    expect(errorOf(() => api.update(r)).message).toBe(`${R}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`);
  });

  test('scaling is an update that passes', () => {
    const api = newApi();
    const r = deepClone(api.create(replicaSet()));
    r.spec.replicas = 5;
    expect(api.update(r).spec.replicas).toBe(5);
  });
});
