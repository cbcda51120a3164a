// ConfigMap strategy: pkg/registry/core/configmap/strategy.go with pkg/apis/core/validation
// ValidateConfigMap / ValidateConfigMapUpdate (key names, the 1 MiB total, `immutable`).
// binaryData is a Go []byte map: its values must be base64, as encoding/json decodes them.
import { StatusError, fieldError, type FieldError } from '../errors';
import type { Strategy } from '../strategy';
import type { KubeObject } from '../types';
import { deepEqual } from '../../util/clone';
import { decodedLength, firstBase64Error } from './base64';
import { decodeObject } from './decode';
import { Path, maxLenError, nameIsDNSSubdomain, regexError, validateObjectMeta, validateObjectMetaUpdate } from './validation';

/** core.MaxSecretSize: the total of a ConfigMap's or Secret's values. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_RE = /^[-._a-zA-Z0-9]+$/;
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

/** validation.IsConfigMapKey (apimachinery/pkg/util/validation): also the key rule of Secret.data. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY_RE.test(key)) errs.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  // hasChDirPrefix
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}


/**
 * decodeObject, then the []byte fields' base64: a type error (saved first in document order)
 * wins, then a base64 error, then unknown fields (strict errors are reported only when decoding
 * otherwise succeeded).
 */
export function decodeWithBytes(obj: KubeObject, byteMaps: string[]): StatusError | undefined {
  const err = decodeObject(obj);
  if (err && !err.message.includes('strict decoding error')) return err;
  for (const field of byteMaps) {
    const bad = firstBase64Error((obj as Record<string, any>)[field]);
    if (bad) {
      const version = String(obj.apiVersion ?? '').split('/').pop();
      return new StatusError('BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${bad}`, [], obj.kind, obj.metadata?.name);
    }
  }
  return err;
}

const sortedKeys = (m: Record<string, unknown> | undefined | null) => Object.keys(m ?? {}).sort();

/** ValidateConfigMap. */
export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  const data: Record<string, string> = cm.data ?? {};
  const binary: Record<string, string> = cm.binaryData ?? {};
  for (const key of sortedKeys(data)) {
    const p = Path.of('data').key(key).text;
    for (const m of isConfigMapKey(key)) errs.push(fieldError.invalid(p, key, m));
    if (Object.prototype.hasOwnProperty.call(binary, key)) errs.push(fieldError.invalid(p, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(String(data[key] ?? ''), 'utf8');
  }
  for (const key of sortedKeys(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(fieldError.invalid(Path.of('binaryData').key(key).text, key, m));
    total += decodedLength(binary[key]);
  }
  // field.TooLong(field.NewPath(""), cfg, MaxSecretSize): the whole object, an empty path.
  if (total > MAX_SECRET_SIZE) errs.push(fieldError.tooLong('', MAX_SECRET_SIZE));
  return errs;
}

const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

/** The `immutable: true` rules of ValidateConfigMapUpdate and ValidateSecretUpdate. */
export function immutableDataErrors(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(fieldError.forbidden('immutable', IMMUTABLE_SET));
  for (const f of fields) if (!deepEqual(obj[f] ?? null, old[f] ?? null)) errs.push(fieldError.forbidden(f, IMMUTABLE_SET));
  return errs;
}

export function configMapStrategy(): Strategy {
  return {
    decode: (obj) => decodeWithBytes(obj, ['binaryData']),
    validate: (obj) => validateConfigMap(obj),
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...immutableDataErrors(obj, old, ['data', 'binaryData']), ...validateConfigMap(obj)],
  };
}
