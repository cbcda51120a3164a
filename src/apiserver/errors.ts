// API errors in the shape of Kubernetes' metav1.Status (k8s.io/apimachinery/pkg/api/errors), with
// field errors rendered as field.Error renders them (k8s.io/apimachinery/pkg/util/validation/field).
import { goQuote } from './govalue';
import { stringifyJson } from '../util/json';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError';

export type FieldErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Forbidden' | 'Duplicate' | 'NotFound' | 'TooLong' | 'TooMany' | 'InternalError' | 'NamespaceTerminating';

/** One field error, as field.Error: `<path>: <body>`. */
export interface FieldError {
  type: FieldErrorType;
  /** e.g. `spec.ports[0].port` */
  field: string;
  /** The rendered body after the path, e.g. `Required value` or `Invalid value: 0: must be ...`. */
  detail: string;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  InternalError: 500,
};

/** An error returned by the API server. `message` is the Status message kubectl prints. */
export class StatusError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
    /** The kind the error is about (for kubectl's "The Deployment "x" is invalid" rendering). */
    readonly kind?: string,
    readonly objectName?: string,
  ) {
    super(message);
    this.name = 'StatusError';
    this.code = CODES[reason];
  }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}

/** field.Error.Error(): `<field>: <detail>` */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${e.detail}`;
}

/**
 * The value of an `Invalid value:` body as v1.32's field.Error ErrorBody prints a scalar: strings
 * with %q (strconv.Quote), numbers and booleans with %v, and nil (a nil pointer) as the string
 * "null", quoted. Composite values need their Go type: callers render them with ./govalue.
 */
export function renderValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  // A bigint is an int64 past 2^53 (src/util/json.ts): %v prints its digits.
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '"null"';
  return stringifyJson(v);
}

export const fieldError = {
  required: (field: string, detail = ''): FieldError => ({ type: 'Required', field, detail: detail ? `Required value: ${detail}` : 'Required value' }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'Invalid',
    field,
    detail: `Invalid value: ${renderValue(value)}${detail ? `: ${detail}` : ''}`,
  }),
  /** Invalid with a pre-rendered value (for Go's %#v renderings of structs and maps). */
  invalidRaw: (field: string, rendered: string, detail: string): FieldError => ({ type: 'Invalid', field, detail: `Invalid value: ${rendered}: ${detail}` }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'NotSupported',
    field,
    detail: `Unsupported value: ${renderValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail: `Forbidden: ${detail}` }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, detail: `Duplicate value: ${renderValue(value)}` }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'NotFound', field, detail: `Not found: ${renderValue(value)}` }),
  tooLong: (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `Too long: may not be more than ${max} bytes` }),
};

/** `<Kind>[.<group>] "<name>" is invalid: <err>` or `[e1, e2]` (apimachinery errors.NewInvalid). */
export function invalidError(kind: string, group: string, name: string, causes: FieldError[]): StatusError {
  const qualified = group ? `${kind}.${group}` : kind;
  // field.ErrorList.ToAggregate drops repeated messages (the causes keep them all).
  const rendered = [...new Set(causes.map(renderFieldError))];
  const body = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new StatusError('Invalid', `${qualified} "${name}" is invalid: ${body}`, causes, kind, name);
}

/** `<resource>[.<group>] "<name>" not found` */
export function notFoundError(resource: string, group: string, name: string): StatusError {
  return new StatusError('NotFound', `${group ? `${resource}.${group}` : resource} "${name}" not found`, [], undefined, name);
}

/** `<resource>[.<group>] "<name>" already exists` */
export function alreadyExistsError(resource: string, group: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${group ? `${resource}.${group}` : resource} "${name}" already exists`, [], undefined, name);
}

/** Optimistic-concurrency failure (apimachinery errors.NewConflict + registry's OptimisticLockErrorMsg). */
export function conflictError(resource: string, group: string, name: string): StatusError {
  return new StatusError(
    'Conflict',
    `Operation cannot be fulfilled on ${group ? `${resource}.${group}` : resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    [],
    undefined,
    name,
  );
}
