// Request bodies: read within upstream's 3 MiB limit (413 past it), then decoded by Content-Type:
// JSON, YAML (server-side apply's application/apply-patch+yaml) or Kubernetes protobuf. Every
// decoder is bounded: nesting depth is checked, YAML aliases are bounded by the safe YAML loader.
import type { IncomingMessage } from 'http';
import { parseYaml, YamlError } from '../../manifest/yaml';
import { HttpError, badRequest } from './status';
import { parseJson as parseExactJson } from '../../util/json';

/** kube-apiserver's --max-request-body-bytes default for everything but a few kinds: 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Deepest JSON nesting accepted (deep enough for any Kubernetes object; far below a stack's limit). */
export const MAX_DEPTH = 100;

export function tooLarge(): HttpError {
  return new HttpError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

/** Read the whole body, refusing more than MAX_BODY_BYTES (by Content-Length at once, else as it streams). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', (e) => {
      if (!done) reject(e);
      done = true;
    });
    // 'close' before 'end': the client went away mid-body ('aborted' is deprecated in Node 20).
    req.on('close', () => {
      if (!done) reject(new HttpError(400, 'BadRequest', 'the client closed the connection before sending the whole body'));
      done = true;
    });
  });
}

/** The media type of a Content-Type header, lower-cased, parameters dropped. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Throws when a parsed value nests deeper than MAX_DEPTH (iterative: never recurses itself). */
export function checkDepth(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_DEPTH) throw badRequest(`the request body nests deeper than ${MAX_DEPTH} levels`);
    for (const k in v as Record<string, unknown>) stack.push([(v as Record<string, unknown>)[k], d + 1]);
  }
}

export function parseJson(body: Buffer): unknown {
  let v: unknown;
  try {
    // Exact: an int64 past 2^53 keeps its digits (a bigint), as Go's decoder keeps them.
    v = parseExactJson(body.toString('utf8'));
  } catch (e) {
    // encoding/json's wording is not reproducible byte for byte; the cause is named plainly.
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  checkDepth(v);
  return v;
}

export function parseYamlBody(body: Buffer): unknown {
  try {
    const docs = parseYaml(body.toString('utf8'), 'request body', { maxBytes: MAX_BODY_BYTES, maxDocuments: 1 });
    const v = docs[0]?.value ?? null;
    checkDepth(v);
    return v;
  } catch (e) {
    if (e instanceof YamlError) throw badRequest(`error decoding YAML: ${e.message}`);
    throw e;
  }
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf';

/** Decode an object body (create, update, DeleteOptions...) by its Content-Type. */
export function decodeObjectBody(body: Buffer, contentType: string | undefined): unknown {
  const mt = mediaType(contentType);
  if (mt === 'application/vnd.kubernetes.protobuf') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { decodeProtobufObject } = require('../protobuf') as typeof import('../protobuf');
    return decodeProtobufObject(body);
  }
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') return parseYamlBody(body);
  if (mt === '' || mt === 'application/json' || mt.endsWith('+json')) return parseJson(body);
  throw new HttpError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}
