// Go values as a template sees the object kubectl hands it: the JSON decoded by apimachinery's
// util/json into map[string]interface{} (integers int64, other numbers float64, null a nil
// interface), plus what the template itself makes (int constants, bools, strings). `iface` marks a
// value still inside its interface{} (read from a map or a slice): Go's error texts name its type
// as `interface {}` until something unwraps it.

export type Kind = 'invalid' | 'nil' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'slice';

export interface GoValue {
  kind: Kind;
  v?: unknown;
  iface?: boolean;
}

export const INVALID: GoValue = { kind: 'invalid' };

/** A JSON value as util/json decodes it, inside an interface{} when it comes from a container. */
export function fromJson(x: unknown, iface = true): GoValue {
  if (x === null || x === undefined) return { kind: 'nil', iface: true };
  if (typeof x === 'string') return { kind: 'string', v: x, iface };
  if (typeof x === 'boolean') return { kind: 'bool', v: x, iface };
  if (typeof x === 'bigint') return { kind: 'int64', v: x, iface };
  if (typeof x === 'number') {
    if (Number.isInteger(x) && Math.abs(x) < 2 ** 63) return { kind: 'int64', v: BigInt(x), iface };
    return { kind: 'float64', v: x, iface };
  }
  if (Array.isArray(x)) return { kind: 'slice', v: x, iface };
  return { kind: 'map', v: x, iface };
}

/** The Go type's name, as %T and the error texts write it. */
export function typeName(g: GoValue, staticType = false): string {
  if (staticType && g.iface) return 'interface {}';
  switch (g.kind) {
    case 'invalid':
      return '<nil>';
    case 'nil':
      return 'interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    default:
      return g.kind;
  }
}

/** indirectInterface: the concrete value inside an interface, or invalid for a nil one. */
export function concrete(g: GoValue): GoValue {
  if (g.kind === 'nil') return INVALID;
  return g.iface ? { ...g, iface: false } : g;
}

/** isTrue: the truth of if/with/and/or/not. */
export function isTrue(g: GoValue): boolean {
  switch (g.kind) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return (g.v as string).length > 0;
    case 'map':
      return Object.keys(g.v as object).length > 0;
    case 'slice':
      return (g.v as unknown[]).length > 0;
    case 'bool':
      return g.v as boolean;
    case 'int':
    case 'int64':
      return (g.v as bigint) !== 0n;
    case 'float64':
      return (g.v as number) !== 0;
  }
}

/** Map keys in fmtsort's order (strings: byte order). */
export function sortedKeys(m: object): string[] {
  return Object.keys(m).sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

/** A map element or a slice element: the value inside its interface{}. */
export function element(container: GoValue, key: string | number): GoValue | undefined {
  if (container.kind === 'map') {
    const m = container.v as Record<string, unknown>;
    return Object.prototype.hasOwnProperty.call(m, key) ? fromJson(m[key as string]) : undefined;
  }
  if (container.kind === 'slice') return fromJson((container.v as unknown[])[key as number]);
  return undefined;
}
