// metav1.Status bodies: every error `kubespec serve` answers, worded and coded as kube-apiserver
// words them (k8s.io/apimachinery/pkg/api/errors), so kubectl prints the same line it would print
// against a real cluster (`Error from server (NotFound): deployments.apps "x" not found`).
import { StatusError, type FieldError, type FieldErrorType } from '../../apiserver/errors';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason: string; message: string; field: string }[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error the HTTP layer answers with, carrying its own Status (codes StatusError has no reason for). */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** field.ErrorType → metav1.CauseType (apimachinery errors.NewInvalid). */
const CAUSE: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
  NotFound: 'FieldValueNotFound',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  InternalError: 'InternalError',
  // v1.NamespaceTerminatingCause, which the NamespaceLifecycle admission adds.
  NamespaceTerminating: 'NamespaceTerminating',
};

function causes(errs: FieldError[]): StatusDetails['causes'] {
  return errs.map((e) => ({ reason: CAUSE[e.type], message: e.detail, field: e.field }));
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

export function success(code: number, details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
  if (details) s.details = details;
  return s;
}

/** What the request was about: fills the details an error from the engine does not carry. */
export interface ErrorContext {
  /** Resource plural (`deployments`). */
  resource?: string;
  group?: string;
  name?: string;
}

/**
 * The Status for any error thrown while serving a request, and the headers to send with it. An
 * unexpected error (a defect) is a 500 with its message, never a stack trace.
 */
export function statusOf(e: unknown, ctx: ErrorContext = {}): { status: Status; headers: Record<string, string> } {
  if (e instanceof HttpError) return { status: failure(e.code, e.reason, e.message, e.details), headers: e.headers };
  if (e instanceof StatusError) {
    const details: StatusDetails = {};
    const name = e.objectName ?? ctx.name;
    // objectName '' : an error about no object in particular (NewGenericServerResponse's).
    if (name !== undefined && name !== '') details.name = name;
    if (ctx.group) details.group = ctx.group;
    // Invalid names the Kind (StatusError.kind); NotFound, AlreadyExists and Conflict the resource.
    if (e.reason === 'Invalid') {
      if (e.kind) details.kind = e.kind;
      details.causes = causes(e.causes);
    } else if (e.reason === 'NotFound' || e.reason === 'AlreadyExists' || e.reason === 'Conflict' || e.reason === 'Forbidden') {
      if (ctx.resource) details.kind = ctx.resource;
    } else if (e.causes.length) {
      details.causes = causes(e.causes);
    }
    const withDetails = Object.keys(details).length > 0 && e.reason !== 'BadRequest' ? details : undefined;
    return { status: failure(e.code, e.reason, e.message, withDetails), headers: {} };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: 'UnexpectedServerResponse', message, field: '' }] }), headers: {} };
}

export const notFoundPath = (): HttpError => new HttpError(404, 'NotFound', 'the server could not find the requested resource', {});
export const badRequest = (message: string): HttpError => new HttpError(400, 'BadRequest', message);
export const methodNotSupported = (resource: string, verb: string): HttpError =>
  new HttpError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, { kind: resource, causes: [{ reason: 'UnexpectedServerResponse', message: `${verb} is not supported`, field: '' }] });
