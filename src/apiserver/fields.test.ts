// Field selectors as k8s.io/apimachinery/pkg/fields/selector.go parses them (splitTerms, splitTerm,
// UnescapeValue and their errors), and the field labels each kind supports at the API server
// (pkg/registry/*/strategy.go, pkg/apis/core/v1/conversion.go): otherwise `field label not supported`.
import type { KubeObject } from './types';
import { FieldSelectorParseError, fieldSelectorFor, fieldsMatch, parseFieldSelector } from './fields';

const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FieldSelectorParseError) return e.message;
    throw e;
  }
  throw new Error('no error');
};

test('terms: =, == and !=; empty terms skipped; escaped \\, \\= and \\\\ in values; sorted', () => {
  expect(parseFieldSelector('a=b,,c!=d,e==f')).toEqual([
    { path: ['a'], op: '=', value: 'b' },
    { path: ['c'], op: '!=', value: 'd' },
    { path: ['e'], op: '=', value: 'f' },
  ]);
  expect(parseFieldSelector('')).toEqual([]);
  expect(parseFieldSelector('x=a\\,b\\=c\\\\d')).toEqual([{ path: ['x'], op: '=', value: 'a,b=c\\d' }]);
  expect(parseFieldSelector('x=')).toEqual([{ path: ['x'], op: '=', value: '' }]);
  // splitTerm: the first position any operator starts at, != before == before = (`a=!=b` splits at `=`).
  expect(parseFieldSelector('a!b=c')).toEqual([{ path: ['a!b'], op: '=', value: 'c' }]);
  // No trimming: a space belongs to the field or the value.
  expect(parseFieldSelector('spec.nodeName = w')).toEqual([{ path: ['spec', 'nodeName '], op: '=', value: ' w' }]);
});

test("errors: can't understand a term; unescaped = or , (its rune code, %v); bad escapes", () => {
  expect(err(() => parseFieldSelector('a'))).toBe("invalid selector: 'a'; can't understand 'a'");
  expect(err(() => parseFieldSelector('x=y,b'))).toBe("invalid selector: 'x=y,b'; can't understand 'b'");
  expect(err(() => parseFieldSelector('x==a=b'))).toBe('invalid field selector: unescaped character in value: 61');
  expect(err(() => parseFieldSelector('x!==y'))).toBe('invalid field selector: unescaped character in value: 61');
  expect(err(() => parseFieldSelector('x=a\\b'))).toBe('invalid field selector: invalid escape sequence: \\b');
  expect(err(() => parseFieldSelector('x=a\\'))).toBe('invalid field selector: invalid escape sequence: \\');
});

test('the field labels a kind supports; others are "field label not supported", in sorted order', () => {
  for (const label of ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName']) {
    expect(() => fieldSelectorFor('Pod', `${label}=x`)).not.toThrow();
  }
  expect(err(() => fieldSelectorFor('Pod', 'x=y'))).toBe('field label not supported: x');
  expect(err(() => fieldSelectorFor('Pod', 'spec.nodeName = w'))).toBe('field label not supported: spec.nodeName ');
  expect(err(() => fieldSelectorFor('Deployment', 'spec.replicas=1'))).toBe('field label not supported: spec.replicas');
  expect(err(() => fieldSelectorFor('ConfigMap', 'metadata.name=a,data.x=1'))).toBe('field label not supported: data.x');
  expect(err(() => fieldSelectorFor('Pod', 'z=1,a=1'))).toBe('field label not supported: a');
  expect(fieldSelectorFor('ReplicaSet', 'status.replicas=3')).toEqual([{ path: ['status', 'replicas'], op: '=', value: '3' }]);
  expect(fieldSelectorFor('Pod', 'status.podIPs=10.0.0.1')).toEqual([{ path: ['status', 'podIP'], op: '=', value: '10.0.0.1' }]);
  // A kind not listed: metadata.name and metadata.namespace (DefaultMetaV1FieldSelectorConversion).
  expect(() => fieldSelectorFor('Widget', 'metadata.namespace=a')).not.toThrow();
  expect(err(() => fieldSelectorFor('Widget', 'spec.x=a'))).toBe('field label not supported: spec.x');
});

test('matching: a missing field is the empty string; != holds for it', () => {
  const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'w0' } } as unknown as KubeObject;
  expect(fieldsMatch(parseFieldSelector('spec.nodeName=w0'), pod)).toBe(true);
  expect(fieldsMatch(parseFieldSelector('spec.nodeName!=w0'), pod)).toBe(false);
  expect(fieldsMatch(parseFieldSelector('status.phase='), pod)).toBe(true);
  expect(fieldsMatch(parseFieldSelector('status.phase!=Running'), pod)).toBe(true);
  expect(fieldsMatch(parseFieldSelector('metadata.__proto__='), pod)).toBe(true);
});
