// Decodes request bodies sent as `application/vnd.kubernetes.protobuf` (the `k8s\0` magic, a
// runtime.Unknown envelope, then the object's message) into the JSON shape the Kubernetes JSON
// API uses, so the rest of `kubespec serve` only ever sees JSON objects.
//
// The wire is walked here field by field with protobufjs' Reader for the primitives and the
// protobufjs reflection built from schema.ts for field types, rather than with protobufjs'
// generated decoders, because those neither check wire types, nor record which proto2 fields were
// present, nor bound their recursion - and presence is what decides `{}` versus absent in JSON.
import * as protobuf from 'protobufjs';
import { StatusError } from '../../apiserver/errors';
import { INLINE, KEEP_ZERO, KINDS, NULL_WHEN_ABSENT, root } from './schema';
import { jsonInteger, parseJson } from '../../util/json';

/** `k8s\0`: upstream's protobuf serializer prefix. */
export const PROTOBUF_MAGIC: Readonly<Buffer> = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
/** The apiserver's request body limit (3 MiB, as upstream's default MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Message nesting bound. The schema itself nests at most ~15 deep; this only stops crafted input. */
export const MAX_DEPTH = 64;
/** Unknown-field groups (wire types 3/4) nest; gogo-proto tracks their depth, so do we. */
const MAX_GROUP_DEPTH = 100;

/** A decoding failure carrying the text upstream's decoder would report for it. */
class WireError extends Error {}

/** A decoded message before its JSON shaping: the fields present on the wire, by name. */
class RawMessage {
  readonly fields = new Map<string, RawValue>();
  constructor(readonly type: protobuf.Type) {}
}
/** A decoded `map<string, V>` field. */
class RawMap {
  readonly entries = new Map<string, RawValue>();
}
type RawValue = string | number | bigint | boolean | Uint8Array | RawMessage | RawMap | RawValue[];

export interface DecodeOptions {
  /** The kind the route expects (e.g. `Deployment`), for upstream's "cannot be handled as a" wording. */
  expectedKind?: string;
}

export interface DecodedEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/**
 * Decodes a protobuf request body into the object's JSON form (what the same object looks like as
 * `application/json`). Throws StatusError('BadRequest') for anything it cannot decode.
 */
export function decodeProtobufObject(body: Buffer | Uint8Array, options: DecodeOptions = {}): Record<string, unknown> {
  if (body.length > MAX_BODY_BYTES) {
    throw new StatusError('BadRequest', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
  }
  let envelope: DecodedEnvelope;
  try {
    envelope = decodeEnvelope(body);
  } catch (e) {
    // No group/version/kind is known yet: upstream's transformDecodeError then summarises the body.
    const expected = options.expectedKind ?? 'unknown';
    throw new StatusError('BadRequest', `the object provided is unrecognized (must be of type ${expected}): ${reason(e)} (${summarizeData(body)})`);
  }
  const { apiVersion, kind } = envelope;
  const expected = options.expectedKind ?? kind;
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const fail = (why: string): never => {
    throw new StatusError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${expected}: ${why}`);
  };
  if (kind === '') fail('Object \'Kind\' is missing in protobuf envelope');
  const typeName = KINDS[`${apiVersion}/${kind}`];
  if (typeName === undefined) {
    fail(`no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/runtime/scheme.go:100"`);
  }
  if (envelope.contentEncoding !== '') fail(`unsupported content encoding "${envelope.contentEncoding}"`);
  if (envelope.contentType !== '' && envelope.contentType !== PROTOBUF_CONTENT_TYPE) {
    fail(`unsupported content type "${envelope.contentType}" inside the protobuf envelope`);
  }
  try {
    const message = decodeMessage(root.lookupType(typeName as string), envelope.raw, 0);
    const json = toJson(message);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new WireError('not an object');
    // TypeMeta is not part of the object's message; it lives in the envelope. kubectl prints it first.
    return { kind, apiVersion, ...(json as Record<string, unknown>) };
  } catch (e) {
    return fail(reason(e));
  }
}

/** Checks the magic and decodes the runtime.Unknown envelope. Throws WireError with upstream's text. */
export function decodeEnvelope(body: Buffer | Uint8Array): DecodedEnvelope {
  if (body.length === 0) throw new WireError('empty data');
  if (body.length < PROTOBUF_MAGIC.length || !PROTOBUF_MAGIC.equals(Buffer.from(body.subarray(0, PROTOBUF_MAGIC.length)))) {
    throw new WireError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  if (body.length === PROTOBUF_MAGIC.length) throw new WireError('empty body');
  const unknown = decodeMessage(root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown'), body.subarray(PROTOBUF_MAGIC.length), 0);
  const typeMeta = unknown.fields.get('typeMeta');
  const tm = typeMeta instanceof RawMessage ? typeMeta.fields : new Map<string, RawValue>();
  const str = (m: Map<string, RawValue>, k: string): string => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const raw = unknown.fields.get('raw');
  return {
    apiVersion: str(tm, 'apiVersion'),
    kind: str(tm, 'kind'),
    raw: raw instanceof Uint8Array ? raw : new Uint8Array(0),
    contentEncoding: str(unknown.fields, 'contentEncoding'),
    contentType: str(unknown.fields, 'contentType'),
  };
}

function reason(e: unknown): string {
  if (e instanceof WireError) return e.message;
  // protobufjs' Reader reports reads past the end as RangeError("index out of range: ...").
  if (e instanceof RangeError) return 'unexpected EOF';
  if (e instanceof Error && /invalid varint/.test(e.message)) return 'proto: integer overflow';
  return e instanceof Error ? e.message : String(e);
}

/** upstream's summarizeData(body, 30): the body's first 30 bytes, hex unless it looks like JSON. */
function summarizeData(data: Uint8Array): string {
  if (data.length === 0) return '<empty>';
  const head = Buffer.from(data.subarray(0, 30));
  const text = data[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return data.length > 30 ? `${text} ...` : text;
}

// ---------------------------------------------------------------------------------------------
// Wire walking

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_START_GROUP = 3;
const WIRE_END_GROUP = 4;
const WIRE_FIXED32 = 5;

const VARINT_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);

function goName(field: protobuf.FieldBase): string {
  return field.name.charAt(0).toUpperCase() + field.name.slice(1);
}

/** Reads a length prefix and returns the bytes it covers, as gogo-proto's checks do. */
function readLengthDelimited(r: protobuf.Reader): Uint8Array {
  const len = longToNumber(r.int64());
  if (len < 0) throw new WireError('proto: negative length found during unmarshaling');
  if (len > r.len - r.pos) throw new WireError('unexpected EOF');
  const start = r.pos;
  r.pos += len;
  return r.buf.subarray(start, start + len);
}

function skipField(r: protobuf.Reader, wireType: number): void {
  // Iterative, so a crafted run of start-group tags cannot exhaust the stack.
  let groupDepth = 0;
  let wt = wireType;
  for (;;) {
    switch (wt) {
      case WIRE_VARINT:
        r.uint64();
        break;
      case WIRE_FIXED64:
        r.skip(8);
        break;
      case WIRE_BYTES:
        readLengthDelimited(r);
        break;
      case WIRE_FIXED32:
        r.skip(4);
        break;
      case WIRE_START_GROUP:
        groupDepth++;
        if (groupDepth > MAX_GROUP_DEPTH) throw new WireError('proto: group nesting too deep');
        break;
      case WIRE_END_GROUP:
        groupDepth--;
        if (groupDepth < 0) throw new WireError('proto: unexpected end of group');
        break;
      default:
        throw new WireError(`proto: illegal wireType ${wt}`);
    }
    if (groupDepth === 0) return;
    if (r.pos >= r.len) throw new WireError('unexpected EOF');
    wt = r.uint32() & 7;
  }
}

/** int64 as a JS number (for lengths and flags; an int64 field's value is longToInt64's). */
function longToNumber(v: number | protobuf.Long): number {
  if (typeof v === 'number') return v;
  return v.unsigned ? (v.high >>> 0) * 2 ** 32 + (v.low >>> 0) : v.high * 2 ** 32 + (v.low >>> 0);
}

/** An int64 field's value with every digit: a number when safe, else a bigint (src/util/json.ts). */
function longToInt64(v: number | protobuf.Long): number | bigint {
  if (typeof v === 'number') return v;
  return jsonInteger(BigInt.asIntN(64, (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)));
}

function readScalar(r: protobuf.Reader, type: string): string | number | bigint | boolean | Uint8Array {
  switch (type) {
    case 'string':
      // Go keeps invalid UTF-8 bytes in the string; encoding/json then writes U+FFFD, as this does.
      return Buffer.from(readLengthDelimited(r)).toString('utf8');
    case 'bytes':
      return Uint8Array.from(readLengthDelimited(r));
    case 'bool':
      return longToNumber(r.uint64()) !== 0;
    case 'int32':
      return r.int32();
    case 'int64':
      return longToInt64(r.int64());
    default:
      throw new WireError(`proto: unsupported field type ${type}`);
  }
}

function expectedWireType(type: string): number {
  return VARINT_TYPES.has(type) ? WIRE_VARINT : WIRE_BYTES;
}

/** Decodes one message's bytes against its type. Fields absent on the wire stay absent. */
function decodeMessage(type: protobuf.Type, bytes: Uint8Array, depth: number, into?: RawMessage): RawMessage {
  if (depth > MAX_DEPTH) throw new WireError(`proto: ${type.name}: message nesting exceeds ${MAX_DEPTH} levels`);
  const out = into ?? new RawMessage(type);
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    const wt = tag & 7;
    const num = tag >>> 3;
    if (wt === WIRE_END_GROUP) throw new WireError(`proto: ${type.name}: wiretype end group for non-group`);
    if (num <= 0) throw new WireError(`proto: ${type.name}: illegal tag ${num} (wire type ${wt})`);
    const field = type.fieldsById[num];
    if (field === undefined) {
      skipField(r, wt);
      continue;
    }
    if (field.map) {
      if (wt !== WIRE_BYTES) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
      let m = out.fields.get(field.name);
      if (!(m instanceof RawMap)) {
        m = new RawMap();
        out.fields.set(field.name, m);
      }
      decodeMapEntry(field as unknown as protobuf.MapField, readLengthDelimited(r), depth + 1, m);
      continue;
    }
    const sub = field.resolvedType;
    if (sub instanceof protobuf.Type) {
      if (wt !== WIRE_BYTES) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
      const data = readLengthDelimited(r);
      if (field.repeated) {
        pushRepeated(out, field.name, decodeMessage(sub, data, depth + 1));
      } else {
        // proto semantics: a repeated occurrence of a singular message merges into the first.
        const prev = out.fields.get(field.name);
        out.fields.set(field.name, decodeMessage(sub, data, depth + 1, prev instanceof RawMessage ? prev : undefined));
      }
      continue;
    }
    const expected = expectedWireType(field.type);
    if (field.repeated && expected === WIRE_VARINT && wt === WIRE_BYTES) {
      // Packed encoding, which gogo-proto accepts for repeated numeric fields.
      const packed = protobuf.Reader.create(readLengthDelimited(r));
      while (packed.pos < packed.len) pushRepeated(out, field.name, readScalar(packed, field.type));
      continue;
    }
    if (wt !== expected) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
    const value = readScalar(r, field.type);
    if (field.repeated) pushRepeated(out, field.name, value);
    else out.fields.set(field.name, value);
  }
  return out;
}

function pushRepeated(out: RawMessage, name: string, value: RawValue): void {
  const list = out.fields.get(name);
  if (Array.isArray(list)) list.push(value);
  else out.fields.set(name, [value]);
}

/** A map entry is a message {1: key, 2: value}; missing parts take their zero value, as in Go. */
function decodeMapEntry(field: protobuf.MapField, bytes: Uint8Array, depth: number, into: RawMap): void {
  if (depth > MAX_DEPTH) throw new WireError(`proto: map entry nesting exceeds ${MAX_DEPTH} levels`);
  const r = protobuf.Reader.create(bytes);
  let key = '';
  let value: RawValue | undefined;
  const valueType = field.resolvedType;
  while (r.pos < r.len) {
    const tag = r.uint32();
    const wt = tag & 7;
    const num = tag >>> 3;
    if (wt === WIRE_END_GROUP) throw new WireError('proto: wiretype end group for non-group');
    if (num <= 0) throw new WireError(`proto: illegal tag ${num} (wire type ${wt})`);
    if (num === 1) {
      if (wt !== WIRE_BYTES) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
      key = readScalar(r, 'string') as string;
    } else if (num === 2) {
      if (valueType instanceof protobuf.Type) {
        if (wt !== WIRE_BYTES) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
        value = decodeMessage(valueType, readLengthDelimited(r), depth + 1);
      } else {
        if (wt !== expectedWireType(field.type)) throw new WireError(`proto: wrong wireType = ${wt} for field ${goName(field)}`);
        value = readScalar(r, field.type);
      }
    } else {
      skipField(r, wt);
    }
  }
  if (value === undefined) {
    if (valueType instanceof protobuf.Type) value = new RawMessage(valueType);
    else value = field.type === 'bytes' ? new Uint8Array(0) : '';
  }
  into.entries.set(key, value);
}

// ---------------------------------------------------------------------------------------------
// JSON shaping

/** `k8s.io.api.core.v1.Pod` -> `core.v1.Pod`; `k8s.io.apimachinery.pkg.apis.meta.v1.Time` -> `meta.v1.Time`. */
function shortName(type: protobuf.Type): string {
  return type.fullName.replace(/^\.k8s\.io\.api\./, '').replace(/^\.k8s\.io\.apimachinery\.pkg\.apis\./, '');
}

/** Assigns without ever touching a prototype, whatever the key (`__proto__` labels included). */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Go's zero time (0001-01-01T00:00:00Z) in Unix seconds: encoding/json prints it as null for these types. */
const GO_ZERO_TIME_SECONDS = -62135596800;
const MAX_RFC3339_SECONDS = 253402300799; // 9999-12-31T23:59:59Z

function formatTime(seconds: number, micros?: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < GO_ZERO_TIME_SECONDS || seconds > MAX_RFC3339_SECONDS) {
    throw new WireError(`Time.MarshalJSON: year outside of range [0,9999]`);
  }
  const iso = new Date(seconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z (UTC)
  const base = iso.slice(0, 19);
  return micros === undefined ? `${base}Z` : `${base}.${String(micros).padStart(6, '0')}Z`;
}

function num(fields: Map<string, RawValue>, key: string): number {
  const v = fields.get(key);
  // Past 2^53 (a bigint), the nearest number: Time and Duration refuse or round such values anyway.
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

/** Go's time.Duration.String(), which metav1.Duration marshals to. */
function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = `${trimFraction(u / (div as number))}${unit}`;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const s = `${trimFraction(u / 1e9)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(n: number): string {
  return n.toFixed(9).replace(/\.?0+$/, '');
}

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** The special encodings: types whose Go JSON form is not their message shape. */
function specialJson(msg: RawMessage): { value: unknown } | undefined {
  const f = msg.fields;
  switch (msg.type.fullName) {
    case '.k8s.io.apimachinery.pkg.apis.meta.v1.Time': {
      // metav1.Time marshals a zero time as no bytes, and unmarshals dropping nanos.
      if (f.size === 0) return { value: null };
      const s = num(f, 'seconds');
      return { value: s === GO_ZERO_TIME_SECONDS ? null : formatTime(s) };
    }
    case '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': {
      if (f.size === 0) return { value: null };
      const s = num(f, 'seconds');
      const nanos = num(f, 'nanos');
      if (s === GO_ZERO_TIME_SECONDS && nanos === 0) return { value: null };
      if (nanos < 0 || nanos > 999_999_999) throw new WireError(`MicroTime: nanos ${nanos} out of range`);
      return { value: formatTime(s, Math.floor(nanos / 1000)) };
    }
    case '.k8s.io.apimachinery.pkg.apis.meta.v1.Duration':
      return { value: formatDuration(num(f, 'duration')) };
    case '.k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
      const t = num(f, 'type');
      if (t === 0) return { value: num(f, 'intVal') };
      if (t === 1) {
        const s = f.get('strVal');
        return { value: typeof s === 'string' ? s : '' };
      }
      throw new WireError('impossible IntOrString.Type');
    }
    case '.k8s.io.apimachinery.pkg.api.resource.Quantity': {
      const s = f.get('string');
      if (typeof s !== 'string') return { value: '0' };
      if (!QUANTITY_RE.test(s)) {
        throw new WireError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
      }
      return { value: s };
    }
    case '.k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': {
      const raw = f.get('Raw');
      if (!(raw instanceof Uint8Array)) return { value: null };
      try {
        return { value: parseJson(Buffer.from(raw).toString('utf8')) };
      } catch {
        throw new WireError('json: error calling MarshalJSON for type *v1.FieldsV1: invalid JSON in FieldsV1');
      }
    }
    default:
      return undefined;
  }
}

function isZero(v: RawValue): boolean {
  return v === '' || v === 0 || v === false;
}

function elementJson(v: RawValue): unknown {
  if (v instanceof RawMessage) return toJson(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}

function toJson(msg: RawMessage): unknown {
  const special = specialJson(msg);
  if (special !== undefined) return special.value;
  const short = shortName(msg.type);
  const out: Record<string, unknown> = {};
  for (const field of msg.type.fieldsArray) {
    const key = `${short}.${field.name}`;
    const v = msg.fields.get(field.name);
    if (v === undefined) {
      if (NULL_WHEN_ABSENT.has(key)) setKey(out, field.name, null);
      continue;
    }
    if (v instanceof RawMap) {
      const obj: Record<string, unknown> = {};
      for (const [k, e] of v.entries) setKey(obj, k, elementJson(e));
      setKey(out, field.name, obj);
    } else if (Array.isArray(v)) {
      setKey(out, field.name, v.map(elementJson));
    } else if (v instanceof RawMessage) {
      const sub = toJson(v);
      if (INLINE.has(key) && sub !== null && typeof sub === 'object') {
        for (const [k, e] of Object.entries(sub)) setKey(out, k, e);
      } else {
        setKey(out, field.name, sub);
      }
    } else if (!isZero(v) || KEEP_ZERO.has(key)) {
      setKey(out, field.name, elementJson(v));
    }
  }
  return out;
}
