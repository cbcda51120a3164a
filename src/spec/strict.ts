// `kubespec validate --strict`: warnings about steps a student could pass by shortcut. A step that
// reads the student's manifests and counts or matches Pods (or ReplicaSets) by selector, with no
// `ownedBy` anywhere in its assertions, is satisfied just as well by Pods the student created
// directly (a bare Pod, a hand-made ReplicaSet beside a wrong Deployment: fixtures/submissions/decoy)
// as by the Deployment the exercise asks for. The warning names the fix.
import type { ObjectAssertion, Spec } from './model';
import { manifestFiles } from './step-files';
import { msg } from '../i18n';
import { loadMessages } from '../i18n/messages/load';

export interface StrictWarning {
  at: { file: string; line: number; column: number };
  message: string;
}

const OWNED_KINDS = new Set(['Pod', 'ReplicaSet']);

export function strictWarnings(spec: Spec): StrictWarning[] {
  const out: StrictWarning[] = [];
  for (const step of spec.steps) {
    if (manifestFiles(step).length === 0) continue;
    const objects = [...step.expect, ...step.throughout, ...step.eventually].filter((a): a is ObjectAssertion => a.type === 'object');
    if (objects.some((a) => a.ownedBy !== undefined)) continue;
    const loose = objects.find((a) => OWNED_KINDS.has(a.kind) && a.name === undefined && !a.absent && (a.count !== undefined || a.match !== undefined));
    if (!loose) continue;
    const owner = loose.kind === 'Pod' ? 'ReplicaSet' : 'Deployment';
    out.push({
      at: loose.location,
      message: msg(loadMessages.looseOwnership, { index: step.index, kind: loose.kind, owner }),
    });
  }
  return out;
}
