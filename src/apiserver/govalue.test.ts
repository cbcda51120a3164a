// How a v1.32 API server prints the value of a validation error, message by message.
//
// k8s.io/apimachinery/pkg/util/validation/field/errors.go (v1.32), ErrorBody: nil and nil pointers
// print "null" (quoted, it is the string "null" through %q); non-nil pointers are dereferenced;
// int64/int32/float64/float32/bool print with %v, string with %q, a fmt.Stringer its String(),
// anything else with %#v (intstr.IntOrString too: its String() has a pointer receiver). Each row
// below names the upstream call and the Go value it passes; the whole message is checked through
// the API server, so the value and the path are upstream's.
import type { KubeObject } from './types';
import { deepClone } from '../util/clone';
import { renderFieldError } from './errors';
import { LABEL_SELECTOR, OWNER_REFERENCE, goErrorValue, goInt32, goPlainValue, goIntstr, goQuote, goSharp, goString, mapOf, named, ptrTo, sliceOf, struct } from './govalue';
import { createMessage, errorOf, newApi, nginxDeployment, nodePortService, pod, replicaSet } from './registry/testkit';
import { Path, validateObjectMetaUpdate, validateOwnerReferences } from './registry/validation';

const D = 'Deployment.apps "nginx-deployment" is invalid: ';
const R = 'ReplicaSet.apps "3-replicaset" is invalid: ';
const S = 'Service "my-nginx" is invalid: ';
const sel = (labels: string) => `v1.LabelSelector{MatchLabels:map[string]string{${labels}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;

function dep(edit: (d: KubeObject) => void): KubeObject {
  const d = nginxDeployment();
  edit(d);
  return d;
}
function rs(edit: (d: KubeObject) => void): KubeObject {
  const r = replicaSet();
  edit(r);
  return r;
}
function svc(edit: (s: KubeObject) => void): KubeObject {
  const s = nodePortService();
  edit(s);
  return s;
}
/** The message of an update of `base` (created first) changed by `edit`. */
function updateMessage(base: KubeObject, edit: (o: KubeObject) => void): string {
  const api = newApi();
  api.create(base);
  const o = deepClone(api.get(base.kind, base.metadata.name!)!);
  edit(o);
  return errorOf(() => api.update(o)).message;
}

describe('Go values as field.Error prints them in v1.32', () => {
  // [upstream call (pkg/apis/... validation.go unless said), what it passes, the message]
  const rows: [string, string, () => string, string][] = [
    [
      'apps ValidatePodTemplateSpecForReplicaSet: field.Invalid(fldPath.Child("metadata","labels"), template.Labels, ...)',
      'map[string]string',
      () => createMessage(dep((d) => (d.spec.selector.matchLabels = { app: 'web' }))),
      `${D}spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: \`selector\` does not match template \`labels\``,
    ],
    [
      'the same, with several labels: fmt prints map keys sorted, ", " between entries',
      'map[string]string',
      () => createMessage(dep((d) => ((d.spec.selector.matchLabels = { app: 'web' }), (d.spec.template.metadata.labels = { tier: 'front', app: 'nginx' })))),
      `${D}spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx", "tier":"front"}: \`selector\` does not match template \`labels\``,
    ],
    [
      'the same, a template without labels',
      'a nil map[string]string',
      () => createMessage(dep((d) => delete d.spec.template.metadata.labels)),
      `${D}spec.template.metadata.labels: Invalid value: map[string]string(nil): \`selector\` does not match template \`labels\``,
    ],
    [
      'apps ValidateDeploymentSpec: field.Invalid(fldPath.Child("selector"), spec.Selector, "empty selector is invalid for deployment")',
      '*metav1.LabelSelector, dereferenced',
      () => createMessage(dep((d) => (d.spec.selector = {}))),
      `${D}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment`,
    ],
    [
      'the same, with matchLabels: {} (an empty, non-nil map)',
      '*metav1.LabelSelector',
      () => createMessage(rs((r) => (r.spec.selector = { matchLabels: {} }))),
      `${R}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment`,
    ],
    [
      'deploymentStrategy.ValidateUpdate (pkg/registry/apps/deployment/strategy.go): apivalidation.ValidateImmutableField(newDeployment.Spec.Selector, ...)',
      '*metav1.LabelSelector, dereferenced',
      () => updateMessage(nginxDeployment(), (d) => ((d.spec.selector = { matchLabels: { app: 'web' } }), (d.spec.template.metadata.labels = { app: 'web' }))),
      `${D}spec.selector: Invalid value: ${sel('"app":"web"')}: field is immutable`,
    ],
    [
      'rsStrategy.ValidateUpdate (pkg/registry/apps/replicaset/strategy.go): the same for ReplicaSets, with matchExpressions',
      '*metav1.LabelSelector',
      () =>
        updateMessage(replicaSet(), (r) => {
          r.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['3-replicaset'] }] };
        }),
      `${R}spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{"3-replicaset"}}}}: field is immutable`,
    ],
    [
      'apps ValidateDeploymentStrategy: field.NotSupported(fldPath, strategy, validValues)',
      'apps.DeploymentStrategy (internal type)',
      () => createMessage(dep((d) => (d.spec.strategy = { type: 'BlueGreen' }))),
      `${D}spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"`,
    ],
    [
      'apps ValidatePositiveIntOrPercent: field.Invalid(fldPath, intOrPercent, msg)',
      'intstr.IntOrString, %#v (no Stringer: String() is on *IntOrString)',
      () => createMessage(dep((d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 'x%', maxUnavailable: 1 } }))),
      `${D}spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"x%"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
    ],
    [
      'apps IsNotMoreThan100Percent: field.Invalid(fldPath, intOrStringValue, "must not be greater than 100%")',
      'intstr.IntOrString',
      () => createMessage(dep((d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '150%' } }))),
      `${D}spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%`,
    ],
    [
      'apps ValidateRollingUpdateDeployment: field.Invalid(fldPath.Child("maxUnavailable"), rollingUpdate.MaxUnavailable, "may not be 0 when `maxSurge` is 0")',
      'intstr.IntOrString holding an int',
      () => createMessage(dep((d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }))),
      `${D}spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when \`maxSurge\` is 0`,
    ],
    [
      'apimachinery ValidateNonnegativeField: field.Invalid(fldPath, value, ...)',
      'int64: %v',
      () => createMessage(dep((d) => (d.spec.replicas = -1))),
      `${D}spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
    ],
    [
      'core validateServicePort via ValidateService: field.Duplicate(portPath, core.ServicePort{Protocol: port.Protocol, Port: port.Port})',
      'core.ServicePort (internal), every field',
      () =>
        createMessage(
          svc((s) => {
            s.spec.type = 'ClusterIP';
            delete s.spec.ports[0].nodePort;
            s.spec.ports.push({ name: 'other', port: 8080, targetPort: 81, protocol: 'TCP' });
          }),
        ),
      `${S}spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:8080, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
    ],
    [
      'core ValidateServiceClusterIPsRelatedFields: field.Invalid(clusterIPsField, service.Spec.ClusterIPs, "first value must match `clusterIP`")',
      '[]string',
      () => createMessage(svc((s) => ((s.spec.clusterIP = '10.96.0.10'), (s.spec.clusterIPs = ['10.96.0.11'])))),
      `${S}spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match \`clusterIP\``,
    ],
    [
      'core validateUpgradeDowngradeClusterIPs: field.Invalid(specPath.Child("clusterIPs").Index(i), service.Spec.ClusterIPs, "may not change once set")',
      '[]string',
      () => updateMessage(svc((s) => ((s.spec.clusterIP = '10.96.0.10'), (s.spec.clusterIPs = ['10.96.0.10']))), (s) => ((s.spec.clusterIP = '10.96.0.12'), (s.spec.clusterIPs = ['10.96.0.12']))),
      `${S}spec.clusterIPs[0]: Invalid value: []string{"10.96.0.12"}: may not change once set`,
    ],
    [
      'service storage alloc.go initIPFamilyFields: field.Invalid(field.NewPath("spec","ipFamilies").Index(i), ipFamily, "not configured on this cluster")',
      'core.IPFamily (a named string: %#v, quoted)',
      () => createMessage(svc((s) => (s.spec.ipFamilies = ['IPv6']))),
      `${S}spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster`,
    ],
    [
      'core ValidatePodUpdate: field.Invalid(specPath.Child("activeDeadlineSeconds"), newPod.Spec.ActiveDeadlineSeconds, "must not update from a positive integer to nil value")',
      'a nil *int64: "null", quoted',
      () => {
        const p = pod();
        p.spec.activeDeadlineSeconds = 30;
        return updateMessage(p, (o) => delete o.spec.activeDeadlineSeconds);
      },
      'Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value',
    ],
  ];

  test.each(rows)('%s (%s)', (_upstream, _type, message, expected) => {
    expect(message()).toBe(expected);
  });

  test('apimachinery ValidateOwnerReferences: field.Invalid(fldPath, ownerReferences, ...), a []metav1.OwnerReference with *bool fields', () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ];
    // A non-nil pointer nested in a %#v prints its address; kubespec prints one fixed address.
    const ref = (n: string, uid: string) => `v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"${n}", UID:"${uid}", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}`;
    expect(validateOwnerReferences(refs, Path.of('metadata', 'ownerReferences')).map(renderFieldError)).toEqual([
      `metadata.ownerReferences: Invalid value: []v1.OwnerReference{${ref('a', '1')}, ${ref('b', '2')}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b`,
    ]);
  });

  test('apimachinery ValidateFinalizers: field.Invalid(fldPath, finalizers, ...), a []string; ValidateNoNewFinalizers: %#v of the sorted new ones', () => {
    expect(createMessage({ ...nginxDeployment(), metadata: { name: 'nginx-deployment', finalizers: ['orphan', 'foregroundDeletion'] } })).toBe(
      `${D}metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set`,
    );
    const errs = validateObjectMetaUpdate({ name: 'x', finalizers: ['a', 'z.io/b', 'a.io/c', 'z.io/b'] }, { name: 'x', finalizers: ['a'], deletionTimestamp: '2025-01-01T00:00:00Z' });
    expect(errs.map(renderFieldError)).toEqual(['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a.io/c", "z.io/b"}']);
  });

  test('a nil pointer prints "null", quoted (ErrorBody sets the value to the string "null")', () => {
    expect(goErrorValue(null, ptrTo(named('core.IPFamilyPolicy')))).toBe('"null"');
    expect(goErrorValue('SingleStack', ptrTo(named('core.IPFamilyPolicy')))).toBe('"SingleStack"');
    expect(goErrorValue(undefined, ptrTo(goInt32))).toBe('"null"');
    expect(goErrorValue(5, ptrTo(goInt32))).toBe('5');
  });

  test('%#v forms: nil and empty slices and maps, nested structs and pointers, named types', () => {
    expect(goSharp(undefined, sliceOf(goString))).toBe('[]string(nil)');
    expect(goSharp([], sliceOf(goString))).toBe('[]string{}');
    expect(goSharp(null, mapOf(goString, 'core.ResourceList'))).toBe('core.ResourceList(nil)');
    expect(goSharp({ b: '1', a: '2' }, mapOf(goString))).toBe('map[string]string{"a":"2", "b":"1"}');
    expect(goSharp({ matchLabels: { app: 'web' } }, LABEL_SELECTOR)).toBe(sel('"app":"web"'));
    expect(goSharp({ name: 'x' }, struct('core.LocalObjectReference', [['Name', 'name', goString]]))).toBe('core.LocalObjectReference{Name:"x"}');
    expect(goSharp('25%', goIntstr)).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}');
    expect(goSharp([{ apiVersion: 'v1', kind: 'K', name: 'n', uid: 'u', blockOwnerDeletion: false }], sliceOf(OWNER_REFERENCE))).toBe(
      '[]v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"K", Name:"n", UID:"u", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(0xc000000000)}}',
    );
    // An IntOrString as an error's value: %#v as well.
    expect(goErrorValue('25%', goIntstr)).toBe('intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}');
    expect(goErrorValue(3, ptrTo(goIntstr))).toBe('intstr.IntOrString{Type:0, IntVal:3, StrVal:""}');
  });

  test('strings are quoted as strconv.Quote does, not as JSON', () => {
    expect(goQuote('web')).toBe('"web"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('tab\there\nnl')).toBe('"tab\\there\\nnl"');
    // Control characters: \x escapes (JSON would write \u0001); DEL too (JSON leaves it raw).
    expect(goQuote('\u0001\u007f')).toBe('"\\x01\\x7f"');
    // Printable Unicode stays as it is; a non-printable one is \u-escaped (JSON leaves U+2028 raw).
    expect(goQuote('café 日本')).toBe('"café 日本"');
    expect(goQuote('a\u2028b\u00a0c')).toBe('"a\\u2028b\\u00a0c"');
    expect(goQuote('\u{1F600}\u{E0001}')).toBe('"\u{1F600}\\U000e0001"');
  });
});

describe('goPlainValue: fmt %v of unstructured JSON, as kubectl custom-columns prints each cell', () => {
  test('maps with sorted keys, lists with spaces, nil, and floats in strconv’s shortest g form', () => {
    expect(goPlainValue({ b: 1, a: { y: 'x' } })).toBe('map[a:map[y:x] b:1]');
    expect(goPlainValue([{ containerPort: 80, protocol: 'TCP' }])).toBe('[map[containerPort:80 protocol:TCP]]');
    expect(goPlainValue(null)).toBe('<nil>');
    expect(goPlainValue(['a', true, 2])).toBe('[a true 2]');
    // strconv.FormatFloat(f, 'g', -1, 64): exponent form below 1e-4 and from 1e21, two exponent digits.
    expect([0.5, 0.0001, 0.00001, 1e21, 1.5e300, 123].map(goPlainValue)).toEqual(['0.5', '0.0001', '1e-05', '1e+21', '1.5e+300', '123']);
    expect(goPlainValue(9223372036854775807n)).toBe('9223372036854775807');
  });
});
