// Secret strategy: pkg/registry/core/secret/strategy.go with pkg/apis/core/validation
// ValidateSecret / ValidateSecretUpdate. `data` is a Go []byte map (base64 on the wire, checked
// as encoding/json decodes it); `stringData` is folded into `data` and dropped, as the v1
// conversion (Convert_v1_Secret_To_core_Secret) does on every write; `type` defaults to Opaque
// (SetDefaults_Secret) and is immutable.
import { fieldError, type FieldError } from '../errors';
import type { Strategy } from '../strategy';
import type { KubeObject } from '../types';
import { decodeGoBase64, decodedLength } from './base64';
import { MAX_SECRET_SIZE, decodeWithBytes, immutableDataErrors, isConfigMapKey } from './configmap';
import { FIELD_IMMUTABLE_ERROR_MSG, Path, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './validation';

/** The secret types with rules of their own (k8s.io/api/core/v1 SecretType* and their keys). */
export const SECRET_TYPES = {
  opaque: 'Opaque',
  serviceAccountToken: 'kubernetes.io/service-account-token',
  dockercfg: 'kubernetes.io/dockercfg',
  dockerConfigJson: 'kubernetes.io/dockerconfigjson',
  basicAuth: 'kubernetes.io/basic-auth',
  sshAuth: 'kubernetes.io/ssh-auth',
  tls: 'kubernetes.io/tls',
} as const;

/** v1 → internal conversion: stringData entries overwrite data's, base64-encoded; stringData goes. */
function foldStringData(secret: KubeObject): void {
  const sd: Record<string, unknown> | undefined = secret.stringData;
  if (sd && typeof sd === 'object' && Object.keys(sd).length) {
    const data: Record<string, string> = { ...(secret.data ?? {}) };
    for (const [k, v] of Object.entries(sd)) data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64');
    secret.data = data;
  }
  delete secret.stringData;
  // Go re-encodes []byte canonically: "aGk=\n" is stored as "aGk=".
  if (secret.data && typeof secret.data === 'object') {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(secret.data as Record<string, unknown>)) {
      const r = typeof v === 'string' ? decodeGoBase64(v) : undefined;
      data[k] = r && 'bytes' in r ? r.bytes.toString('base64') : (v as string);
    }
    secret.data = data;
  }
}

function bytesOf(v: unknown): Buffer | undefined {
  if (typeof v !== 'string') return undefined;
  const r = decodeGoBase64(v);
  return 'bytes' in r ? r.bytes : undefined;
}

/** ValidateSecret. */
export function validateSecret(secret: KubeObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const data: Record<string, string> = secret.data ?? {};
  const dataPath = Path.of('data');
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(key)) errs.push(fieldError.invalid(dataPath.key(key).text, key, m));
    total += decodedLength(data[key]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(fieldError.tooLong(dataPath.text, MAX_SECRET_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const requireKey = (k: string) => errs.push(fieldError.required(dataPath.key(k).text));
  switch (secret.type) {
    case SECRET_TYPES.serviceAccountToken:
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fieldError.required(Path.of('metadata', 'annotations').key('kubernetes.io/service-account.name').text));
      }
      break;
    case SECRET_TYPES.dockercfg:
    case SECRET_TYPES.dockerConfigJson: {
      const key = secret.type === SECRET_TYPES.dockercfg ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        requireKey(key);
        break;
      }
      try {
        const parsed = JSON.parse(bytesOf(data[key])?.toString('utf8') ?? '');
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('json: cannot unmarshal into Go value of type map[string]interface {}');
      } catch (e) {
        // json.Unmarshal's own wording is Go's; the value is redacted as upstream does.
        errs.push(fieldError.invalid(dataPath.key(key).text, '<secret contents redacted>', e instanceof SyntaxError ? 'invalid character in JSON' : (e as Error).message));
      }
      break;
    }
    case SECRET_TYPES.basicAuth:
      // Either may be empty, but one must be present.
      if (!has('username') && !has('password')) {
        requireKey('username');
        requireKey('password');
      }
      break;
    case SECRET_TYPES.sshAuth:
      if (!bytesOf(data['ssh-privatekey'])?.length) requireKey('ssh-privatekey');
      break;
    case SECRET_TYPES.tls:
      if (!has('tls.crt')) requireKey('tls.crt');
      if (!has('tls.key')) requireKey('tls.key');
      break;
    default:
  }
  return errs;
}

export function secretStrategy(): Strategy {
  return {
    decode: (obj) => decodeWithBytes(obj, ['data']),
    defaults(obj) {
      foldStringData(obj);
      if (!obj.type) obj.type = SECRET_TYPES.opaque;
    },
    validate: (obj) => validateSecret(obj),
    validateUpdate(obj, old) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
      if (obj.type !== old.type) errs.push(fieldError.invalid('type', obj.type, FIELD_IMMUTABLE_ERROR_MSG));
      // stringData needs no check: it was folded into data before validation.
      errs.push(...immutableDataErrors(obj, old, ['data']), ...validateSecret(obj));
      return errs;
    },
  };
}
