// The client-side checks kubectl's generators make before sending anything, with apimachinery's
// validation wording (IsConfigMapKey, IsEnvVarName, IsValidPortName), and --save-config's
// annotation for a typed object.
import type { KubeObject } from '../apiserver/types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** validation.hasChDirPrefix */
function chDir(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** validation.IsConfigMapKey */
export function validateConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  return [...errs, ...chDir(key)];
}

/** validation.IsEnvVarName */
export function validateEnvVarName(key: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    );
  }
  return [...errs, ...chDir(key)];
}

/** validation.IsValidPortName */
export function validatePortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** util.GetModifiedConfiguration for a typed object: its JSON (struct order) without the annotation. */
export function modifiedConfigurationTyped(obj: KubeObject): string {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  const metadata: Record<string, unknown> = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { typedCompactJson } = require('./typed-json') as typeof import('./typed-json');
  return typedCompactJson({ ...obj, metadata }) + '\n';
}
