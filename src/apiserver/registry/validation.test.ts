// Name, label and selector checks with the exact texts of
// k8s.io/apimachinery/pkg/util/validation/validation.go (and its validation_test.go cases) and of
// k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
import {
  Path,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  labelSelectorValue,
  nameIsDNSSubdomain,
  regexError,
  validateLabelSelector,
  validateLabels,
  validateObjectMeta,
  validateOwnerReferences,
} from './validation';
import { renderFieldError } from '../errors';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('RegexError: examples separated by ",  or " (two spaces, from the loop that builds it)', () => {
  expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
  expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
});

test('IsDNS1123Subdomain', () => {
  for (const ok of ['a', 'ab', 'a-b', '0', 'a.b', '1.2.3.4', 'nginx-deployment', '3-replicaset', 'a'.repeat(253)]) expect(isDNS1123Subdomain(ok)).toEqual([]);
  for (const bad of ['', 'My_App', 'A', 'a_b', '-a', 'a-', '.a', 'a..b', 'a.-b']) expect(isDNS1123Subdomain(bad)).toEqual([SUBDOMAIN]);
  expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
});

test('IsDNS1123Label, with "must not contain dots" for valid subdomains', () => {
  expect(isDNS1123Label('nginx')).toEqual([]);
  expect(isDNS1123Label('Nginx')).toEqual([LABEL]);
  expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
});

test('IsDNS1035Label (Service names)', () => {
  expect(isDNS1035Label('my-nginx')).toEqual([]);
  expect(isDNS1035Label('3-svc')).toEqual([DNS1035]);
  expect(isDNS1035Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
});

test('IsQualifiedName: prefix part and name part', () => {
  for (const ok of ['app', 'app.kubernetes.io/name', 'A_b.c-D', 'example.com/MyName', '1-2']) expect(isQualifiedName(ok)).toEqual([]);
  expect(isQualifiedName('-app')).toEqual([`name part ${QNAME}`]);
  expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty']);
  expect(isQualifiedName('Example.com/app')).toEqual([`prefix part ${SUBDOMAIN}`]);
  expect(isQualifiedName('example.com/')).toEqual(['name part must be non-empty', `name part ${QNAME}`]);
  expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  expect(isQualifiedName('a/b/c')).toEqual([`a qualified name ${QNAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]);
});

test('IsValidLabelValue', () => {
  for (const ok of ['', 'nginx', 'v1.2_3', '12345']) expect(isValidLabelValue(ok)).toEqual([]);
  expect(isValidLabelValue('nginx!')).toEqual([LABEL_VALUE]);
  expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
});

test('IsValidPercent and IsValidPortName', () => {
  expect(isValidPercent('25%')).toEqual([]);
  expect(isValidPercent('25')).toEqual(["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]);
  expect(isValidPortName('http')).toEqual([]);
  expect(isValidPortName('HTTP')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
  expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
  expect(isValidPortName('http-metrics-long')).toEqual(['must be no more than 15 characters']);
  expect(isValidPortName('-http')).toEqual(['must not begin or end with a hyphen']);
});

test('ValidateLabels reports at the map path, value = key or value', () => {
  expect(validateLabels({ 'bad key!': 'x', ok: 'bad value!' }, Path.of('metadata', 'labels')).map(renderFieldError)).toEqual([
    `metadata.labels: Invalid value: "bad key!": name part ${QNAME}`,
    `metadata.labels: Invalid value: "bad value!": ${LABEL_VALUE}`,
  ]);
});

test('ValidateLabelSelector', () => {
  const errs = validateLabelSelector(
    { matchExpressions: [{ key: 'tier', operator: 'In' }, { key: 'env', operator: 'Exists', values: ['x'] }, { key: 'a', operator: 'Equals', values: ['b'] }] },
    Path.of('spec', 'selector'),
  );
  expect(errs.map(renderFieldError)).toEqual([
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    'spec.selector.matchExpressions[2].operator: Invalid value: "Equals": not a valid selector operator',
  ]);
});

test('ValidateObjectMeta', () => {
  const errs = validateObjectMeta({ name: 'My_App', namespace: 'default', labels: { app: 'x' }, generation: -1 }, true, nameIsDNSSubdomain);
  expect(errs.map(renderFieldError)).toEqual([`metadata.name: Invalid value: "My_App": ${SUBDOMAIN}`, 'metadata.generation: Invalid value: -1: must be greater than or equal to 0']);
  expect(validateObjectMeta({ namespace: 'default' }, true, nameIsDNSSubdomain).map(renderFieldError)).toEqual(['metadata.name: Required value: name or generateName is required']);
  expect(validateObjectMeta({ name: 'n', namespace: 'default' }, false, nameIsDNSSubdomain).map(renderFieldError)).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  // A generateName may end with '-' (maskTrailingDash).
  expect(validateObjectMeta({ generateName: 'web-', name: 'web-x7k2q', namespace: 'default' }, true, nameIsDNSSubdomain)).toEqual([]);
});

test('ValidateOwnerReferences: one controller only (the whole []metav1.OwnerReference as the value, %#v; see ../govalue.test.ts)', () => {
  const refs = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
  ];
  expect(validateOwnerReferences(refs, Path.of('metadata', 'ownerReferences')).map(renderFieldError)).toEqual([
    'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"a", UID:"1", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"b", UID:"2", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
  ]);
});

test('values render as the v1.32 API server prints them: %#v of the Go value (1.34 would print JSON)', () => {
  expect(labelSelectorValue({ matchExpressions: [{ key: 'a', operator: 'Exists' }], matchLabels: { b: '1' } })).toBe(
    'v1.LabelSelector{MatchLabels:map[string]string{"b":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"a", Operator:"Exists", Values:[]string(nil)}}}',
  );
  expect(labelSelectorValue({})).toBe('v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}');
  // A nil *LabelSelector is "null", quoted (ErrorBody's nil case).
  expect(labelSelectorValue(undefined)).toBe('"null"');
});
