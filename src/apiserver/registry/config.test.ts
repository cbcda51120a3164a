// ConfigMap, Secret and ServiceAccount strategies against upstream's rules:
// pkg/apis/core/validation ValidateConfigMap(Update), ValidateSecret(Update), ValidateServiceAccount;
// the v1 conversion folding stringData into data (Convert_v1_Secret_To_core_Secret); SetDefaults_Secret;
// Go's encoding/json decoding []byte fields as base64 (CorruptInputError offsets).
import { kindInfo } from '../kinds';
import { tableRows } from '../../kubectl/printers';
import { decodeGoBase64 } from './base64';
import { createMessage, errorOf, newApi } from './testkit';

const cm = (data: Record<string, string>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data, ...extra });
const secret = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...extra });

describe('ConfigMap', () => {
  test('stored as sent; keys are config keys (IsConfigMapKey)', () => {
    const api = newApi();
    expect(api.create(cm({ 'game.properties': 'x=1', KEY_NAME: 'v' })).data).toEqual({ 'game.properties': 'x=1', KEY_NAME: 'v' });
    expect(createMessage(cm({ 'a b': '1' }))).toBe(
      `ConfigMap "app-config" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(createMessage(cm({ '..data': '1' }))).toBe(`ConfigMap "app-config" is invalid: data[..data]: Invalid value: "..data": must not start with '..'`);
  });

  test('a key in both data and binaryData; binaryData must be base64', () => {
    expect(createMessage(cm({ k: '1' }, { binaryData: { k: 'AAE=' } }))).toBe('ConfigMap "app-config" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData');
    expect(createMessage(cm({}, { binaryData: { k: 'not base64' } }))).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 3');
  });

  test('the values may total 1 MiB (core.MaxSecretSize)', () => {
    expect(() => newApi().create(cm({ a: 'x'.repeat(1024 * 1024) }))).not.toThrow();
    expect(createMessage(cm({ a: 'x'.repeat(1024 * 1024), b: 'y' }))).toBe('ConfigMap "app-config" is invalid: : Too long: may not be more than 1048576 bytes');
  });

  test('immutable: data and the flag itself are frozen, metadata is not', () => {
    const api = newApi();
    const stored = api.create(cm({ a: '1' }, { immutable: true }));
    expect(errorOf(() => api.update({ ...stored, data: { a: '2' } })).message).toBe('ConfigMap "app-config" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect(errorOf(() => api.update({ ...stored, immutable: false })).message).toBe('ConfigMap "app-config" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    expect(api.update({ ...stored, metadata: { ...stored.metadata, labels: { a: 'b' } } }).metadata.labels).toEqual({ a: 'b' });
  });
});

describe('Secret', () => {
  test('type defaults to Opaque; stringData is folded into data, base64, and dropped', () => {
    const s = newApi().create(secret({ data: { a: 'YQ==' }, stringData: { a: 'override', b: 'plain' } }));
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ a: Buffer.from('override').toString('base64'), b: Buffer.from('plain').toString('base64') });
    expect(s.stringData).toBeUndefined();
  });

  test('data that is not base64 is a decode error, at the byte Go reports', () => {
    // "mypassword": two quanta decode, then "rd" ends without padding: byte 8.
    expect(createMessage(secret({ data: { password: 'mypassword' } }))).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 8');
    expect(createMessage(secret({ data: { k: 'ab!d' } }))).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 2');
  });

  test('type is immutable; typed secrets need their keys', () => {
    const api = newApi();
    const s = api.create(secret({ stringData: { k: 'v' } }));
    expect(errorOf(() => api.update({ ...s, type: 'kubernetes.io/tls' })).message).toMatch(/^Secret "s" is invalid: \[type: Invalid value: "kubernetes.io\/tls": field is immutable, /);
    expect(createMessage(secret({ type: 'kubernetes.io/tls', data: {} }))).toBe('Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]');
    expect(createMessage(secret({ type: 'kubernetes.io/basic-auth' }))).toBe('Secret "s" is invalid: [data[username]: Required value, data[password]: Required value]');
    expect(createMessage(secret({ type: 'kubernetes.io/service-account-token' }))).toBe(
      'Secret "s" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    );
  });

  test('the decoded values may total 1 MiB', () => {
    const big = Buffer.alloc(1024 * 1024 + 1).toString('base64');
    expect(createMessage(secret({ data: { k: big } }))).toBe('Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes');
  });
});

test('ServiceAccount: a DNS subdomain name in a namespace', () => {
  const sa = newApi().create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build-robot' } });
  expect(sa.metadata.namespace).toBe('default');
  expect(createMessage({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'Build_Robot' } })).toMatch(/^ServiceAccount "Build_Robot" is invalid: metadata.name: Invalid value: "Build_Robot": a lowercase RFC 1123 subdomain/);
});

test("Go's base64: padding required, newlines skipped, trailing garbage reported", () => {
  expect(decodeGoBase64('aGk=')).toEqual({ bytes: Buffer.from('hi') });
  expect(decodeGoBase64('aG\nk=')).toEqual({ bytes: Buffer.from('hi') });
  expect(decodeGoBase64('abc')).toEqual({ corruptAt: 0 });
  expect(decodeGoBase64('aGk=x')).toEqual({ corruptAt: 4 });
  expect(decodeGoBase64('a===')).toEqual({ corruptAt: 1 });
  expect(decodeGoBase64('aG==')).toEqual({ bytes: Buffer.from('h') });
  expect(decodeGoBase64('aG=')).toEqual({ corruptAt: 3 });
});

test('kubectl get columns (printers.go printConfigMap, printSecret, printServiceAccount)', () => {
  const api = newApi();
  const rows = (kind: string, obj: Record<string, unknown>) => tableRows(kindInfo(kind)!, [api.create(obj as never)], api.clock.now());
  expect(rows('ConfigMap', cm({ a: '1' }, { binaryData: { b: 'AA==' } }))).toEqual([['NAME', 'DATA', 'AGE'], ['app-config', '2', '0s']]);
  expect(rows('Secret', secret({ stringData: { a: '1', b: '2' } }))).toEqual([['NAME', 'TYPE', 'DATA', 'AGE'], ['s', 'Opaque', '2', '0s']]);
  expect(rows('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } })).toEqual([['NAME', 'SECRETS', 'AGE'], ['robot', '0', '0s']]);
});
