// Node selection by labels: spec.nodeSelector and spec.affinity.nodeAffinity, as
// k8s.io/component-helpers/scheduling/corev1/nodeaffinity implements them (GetRequiredNodeAffinity,
// NodeSelector terms ORed, requirements within a term ANDed, an empty term matching nothing).
import type { KubeObject } from '../../apiserver/types';

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

/** requirementMatches: a NodeSelectorRequirement against a label (or field) map. */
function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(v) || (r.values ?? []).length !== 1 || !/^-?\d+$/.test(r.values![0])) return false;
      const n = Number(v);
      const w = Number(r.values![0]);
      return r.operator === 'Gt' ? n > w : n < w;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions and fields match; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm | undefined, node: KubeObject): boolean {
  if (!term) return false;
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = (node.metadata.labels ?? {}) as Record<string, string>;
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  // Only metadata.name is a supported field (nodeaffinity: ValidateNodeSelectorTerm).
  const nodeFields = { 'metadata.name': node.metadata.name! };
  for (const r of fields) if (!requirementMatches(r, nodeFields)) return false;
  return true;
}

/**
 * RequiredNodeAffinity.Match: nodeSelector (every key=value present) and the required node
 * affinity terms (any term matching).
 */
export function matchesRequiredNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const selector = pod.spec?.nodeSelector as Record<string, string> | undefined;
  if (selector) {
    const labels = (node.metadata.labels ?? {}) as Record<string, string>;
    for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as { nodeSelectorTerms?: NodeSelectorTerm[] } | undefined;
  if (required) {
    const terms = required.nodeSelectorTerms ?? [];
    if (!terms.some((t) => termMatches(t, node))) return false;
  }
  return true;
}

/** NodeAffinity Score: the summed weights of the preferred terms the node matches. */
export function preferredNodeAffinityScore(pod: KubeObject, node: KubeObject): number {
  const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution as PreferredTerm[] | undefined;
  if (!preferred) return 0;
  let score = 0;
  for (const p of preferred) if (p.weight && termMatches(p.preference, node)) score += p.weight;
  return score;
}
