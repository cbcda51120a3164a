// kubectl's deprecated --record (cmdutil RecordFlags, ChangeCauseRecorder): the command line that
// made a change, kept in the object's kubernetes.io/change-cause annotation (which the Deployment
// controller copies to the new ReplicaSet, so `rollout history` shows it as CHANGE-CAUSE).
import type { KubeObject } from '../apiserver/types';
import type { ParsedCommand } from './parse';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** cobra's deprecation notice, printed when the flag is given at all (even `--record=false`). */
export const RECORD_DEPRECATION = 'Flag --record has been deprecated, --record will be removed in the future\n';

/**
 * parseCommandArguments: the binary's name, the positional words (the command path included),
 * then every flag as `--name=value`, in the order given; undefined unless --record is true.
 */
export function changeCause(cmd: ParsedCommand): string | undefined {
  if (cmd.flags.record !== true) return undefined;
  const flags = (cmd.flagWords ?? []).map((w) => ` ${w}`).join('');
  return `kubectl ${[...cmd.path, ...cmd.args].join(' ')}${flags}`;
}

/** ChangeCauseRecorder.Record: the annotation set on the object about to be sent. */
export function recordChangeCause(obj: KubeObject, cause: string | undefined): void {
  if (cause === undefined) return;
  obj.metadata = obj.metadata ?? {};
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [CHANGE_CAUSE]: cause };
}
