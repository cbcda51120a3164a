// `kubespec run --kubeconfig FILE --compare`: each spec on the embedded cluster and on the real one,
// and every difference between the two: an assertion that passed on one and failed on the other,
// and every object field a `match:` names whose values differ. Names, uids, IPs and times are
// ignored (they differ between any two clusters). This is how fidelity gaps are found; the text is
// meant to be pasted into a bug report as it is.
import type { KubeObject } from '../apiserver/types';
import type { KubeCluster } from '../cluster/backend';
import type { Assertion, ObjectAssertion, Spec, Step } from '../spec/model';
import { selectObjects } from '../spec/assertions/select';
import type { SpecResult, StepResult } from '../runner/result';

/** What one step's object assertions saw, per assertion (by location) and field path. */
export type Observed = Map<string, Map<string, string>>;

/** `file:line:col` */
function at(a: { location: { file: string; line: number; column: number } }): string {
  return `${a.location.file}:${a.location.line}:${a.location.column}`;
}

/** Stand-ins for what differs between any two clusters: generated name parts, uids, IPs, times. */
export function normalize(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\b/g, '<time>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/-[bcdfghjklmnpqrstvwxz2456789]{5,10}\b/g, '-<id>')
    .replace(/\bkubespec-[0-9a-f]{8}\b/g, 'default');
}

/**
 * The leaf paths a `match:` names with a literal value. A pattern (`/^worker[01]$/`) or a special
 * form (contains, exists, any) accepts many values, and which one a cluster shows (the node a
 * scheduler picked among equals) is no fidelity gap while both pass; an outcome that differs is
 * reported as such.
 */
function matchPaths(match: Record<string, unknown>, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(match)) {
    const p = [...prefix, k];
    const map = v !== null && typeof v === 'object' && !Array.isArray(v);
    const special = map && Object.keys(v).some((x) => ['contains', 'exists', 'any', 'regex'].includes(x));
    const pattern = typeof v === 'string' && v.length > 1 && v.startsWith('/') && v.lastIndexOf('/') > 0;
    if (map && !special) out.push(...matchPaths(v as Record<string, unknown>, p));
    else if (!special && !pattern) out.push(p);
  }
  return out;
}

function valueAt(o: unknown, p: string[]): unknown {
  let cur = o;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** After a step's expectations: the values of every field its object assertions' `match:` names. */
export function observeStep(step: Step, cluster: KubeCluster): Map<string, Map<string, string>> {
  const seen = new Map<string, Map<string, string>>();
  const objectAssertions = step.expect.filter((a: Assertion): a is ObjectAssertion => a.type === 'object' && !!a.match);
  for (const a of objectAssertions) {
    const fields = new Map<string, string>();
    let selected: KubeObject[] = [];
    try {
      selected = selectObjects(cluster.api, a).selected;
    } catch {
      continue;
    }
    for (const p of matchPaths(a.match!)) {
      const values = selected.map((o) => normalize(valueAt(o, p))).sort();
      fields.set(p.join('.'), `[${values.join(', ')}]`);
    }
    fields.set('(selected)', String(selected.length));
    seen.set(at(a), fields);
  }
  return seen;
}

/** Which assertions of a step failed (by location), or why the step has no outcome. */
function outcomes(step: Step, r: StepResult | undefined): { failing: Set<string>; skipped?: string; status: string } {
  if (!r) return { failing: new Set(), status: 'missing', skipped: 'not run' };
  if (r.status === 'skipped') return { failing: new Set(), status: 'skipped', skipped: r.reason ?? 'skipped' };
  const failing = new Set(r.failures.map((f) => (f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : `(${f.kind})`)));
  return { failing, status: r.status };
}

export interface SpecComparison {
  spec: Spec;
  embedded: SpecResult;
  real: SpecResult;
  /** Step index → what its object assertions saw, on each cluster. */
  seenEmbedded: Map<number, Observed>;
  seenReal: Map<number, Observed>;
}

/** The differences of one spec, as report lines (none when the two clusters agree). */
export function differences(c: SpecComparison): string[] {
  const lines: string[] = [];
  c.spec.steps.forEach((step, i) => {
    const e = outcomes(step, c.embedded.steps[i]);
    const r = outcomes(step, c.real.steps[i]);
    if (e.skipped || r.skipped) return;
    const assertions = [...step.expect, ...step.throughout];
    const where = `step ${i + 1} "${step.name}"`;
    for (const a of assertions) {
      const key = at(a);
      const ef = e.failing.has(key);
      const rf = r.failing.has(key);
      if (ef !== rf) {
        const failure = (ef ? c.embedded : c.real).steps[i].failures.find((f) => f.location && at({ location: f.location }) === key);
        lines.push(`  ${where}: the assertion at ${key} ${ef ? 'failed' : 'passed'} on the embedded cluster, ${rf ? 'failed' : 'passed'} on the real one${failure ? `: ${failure.message.split('\n')[0]}` : ''}`);
      }
    }
    if (e.status !== r.status && ![...e.failing, ...r.failing].some((k) => assertions.some((a) => at(a) === k))) {
      lines.push(`  ${where}: ${e.status} on the embedded cluster, ${r.status} on the real one`);
    }
    const se = c.seenEmbedded.get(i);
    const sr = c.seenReal.get(i);
    for (const [key, fields] of se ?? []) {
      const other = sr?.get(key);
      if (!other) continue;
      for (const [field, ev] of fields) {
        const rv = other.get(field);
        if (rv !== undefined && rv !== ev) lines.push(`  ${where}: at ${key}, ${field === '(selected)' ? 'objects selected' : field}: embedded ${ev}, real ${rv}`);
      }
    }
  });
  return lines;
}

/** The whole comparison, as pasted into a bug report. */
export function compareReport(all: SpecComparison[], real: { server: string; version: string }): { text: string; differ: number } {
  const out: string[] = [`kubespec --compare: the embedded cluster (v1.32) and ${real.server} (${real.version}), ${all.length} spec${all.length === 1 ? '' : 's'}`];
  let differ = 0;
  for (const c of all) {
    const lines = differences(c);
    if (!lines.length) continue;
    differ++;
    out.push('', `${c.spec.file} › ${c.spec.name}`, ...lines);
  }
  out.push('', differ ? `${differ} of ${all.length} spec${all.length === 1 ? '' : 's'} differ.` : `No differences in ${all.length} spec${all.length === 1 ? '' : 's'} (skipped steps are not compared).`);
  return { text: `${out.join('\n')}\n`, differ };
}
