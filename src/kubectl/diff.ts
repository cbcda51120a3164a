// `kubectl diff -f FILE` in the emulation, as pkg/cmd/diff does it with its default diff program
// (KUBECTL_EXTERNAL_DIFF unset: `diff -u -N LIVE-dir MERGED-dir`): each object's live state and what
// applying the file would make of it (the apply patch, sent as a server dry run; a dry-run create
// for an object that does not exist), as YAML without managedFields, compared file by file in
// GNU diff's unified format. Exit 1 when something differs, 2 on an error (CheckDiffErr).
import { readManifestFiles } from './manifest-files';
import type { KubeObject } from '../apiserver/types';
import { deepClone } from '../util/clone';
import { formatTime } from '../util/clock';
import { LAST_APPLIED, originalConfiguration, threeWayMergePatch } from './apply';
import { toYaml } from './printers/yaml';
import { KubectlError, KUSTOMIZE_REFUSED, manifestKind, objectNamespace, renderErrors, type OpResult, type SourcedObject } from './resources';
import type { VerbContext } from './verbs';

/* eslint-disable @typescript-eslint/no-require-imports */
const jsdiff = () => require('diff') as typeof import('diff');
/* eslint-enable @typescript-eslint/no-require-imports */

function printable(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const copy = deepClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  return toYaml(copy);
}

/** GNU diff's range in a unified hunk header: `start` alone for one line, the line before for none. */
function range(start: number, lines: number): string {
  if (lines === 1) return `${start}`;
  return `${lines === 0 ? start - 1 : start},${lines}`;
}

/** The hunks of `diff -u` between two texts, or '' when they are the same. */
export function unifiedHunks(a: string, b: string): string {
  if (a === b) return '';
  const patch = jsdiff().structuredPatch('a', 'b', a, b, '', '', { context: 3 });
  let out = '';
  for (const h of patch.hunks) {
    out += `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@\n`;
    for (const l of h.lines) out += `${l}\n`;
  }
  return out;
}

export function diffCommand(ctx: VerbContext): OpResult {
  try {
    return run(ctx);
  } catch (e) {
    return { stdout: '', stderr: renderErrors([e]), exitCode: 2 };
  }
}

function run(ctx: VerbContext): OpResult {
  const { cmd, cluster, io } = ctx;
  const files = (cmd.flags.filename as string[] | undefined) ?? [];
  if (String(cmd.flags.kustomize ?? '')) throw new KubectlError(KUSTOMIZE_REFUSED);
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  if (cmd.flags['server-side'] === true) throw new KubectlError("kubespec's kubectl emulation does not support kubectl diff --server-side");
  const objects: SourcedObject[] = readManifestFiles(io, files, cmd.flags.recursive === true);
  const api = cluster.api;
  const pairs: { name: string; live: string; merged: string }[] = [];
  for (const so of objects) {
    const info = manifestKind(so, ctx.namespace);
    const ns = objectNamespace(so, info, ctx.namespace, ctx.explicitNamespace);
    const local = deepClone(so.object);
    local.metadata = local.metadata ?? {};
    if (ns) local.metadata.namespace = ns;
    const name = local.metadata.name ?? '';
    const live = api.get(info.kind, name, ns);
    let merged: KubeObject;
    if (!live) merged = api.create(local, { dryRun: true });
    else {
      // util.GetModifiedConfiguration(annotate=false): the file's object without the annotation.
      const modified = deepClone(local);
      const annotations = { ...(modified.metadata.annotations ?? {}) };
      delete annotations[LAST_APPLIED];
      modified.metadata.annotations = annotations;
      const patch = threeWayMergePatch(originalConfiguration(live), modified, live, info.kind);
      merged = Object.keys(patch).length ? api.patch(info.kind, name, patch, 'strategic', { namespace: ns, dryRun: true }) : live;
    }
    if (merged !== live) merged = { ...merged, metadata: { ...merged.metadata } };
    if (merged !== live && merged.metadata) delete merged.metadata.resourceVersion;
    const [group, version] = info.apiVersion.includes('/') ? info.apiVersion.split('/') : ['', info.apiVersion];
    pairs.push({ name: `${group ? `${group}.` : ''}${version}.${info.kind}.${ns ?? ''}.${name}`, live: printable(live), merged: printable(merged) });
  }
  // The two folders' files, compared in name order as `diff -r` walks them.
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const now = formatTime(cluster.clock.now());
  const stamp = `${now.slice(0, 10)} ${now.slice(11, 19)}.000000000 +0000`;
  const seed = String(cluster.clock.now() % 1_000_000_000).padStart(9, '1');
  const liveDir = `/tmp/LIVE-${seed}`;
  const mergedDir = `/tmp/MERGED-${[...seed].reverse().join('')}`;
  let out = '';
  for (const p of pairs) {
    const hunks = unifiedHunks(p.live, p.merged);
    if (!hunks) continue;
    out += `diff -u -N ${liveDir}/${p.name} ${mergedDir}/${p.name}\n`;
    out += `--- ${liveDir}/${p.name}\t${stamp}\n+++ ${mergedDir}/${p.name}\t${stamp}\n${hunks}`;
  }
  return { stdout: out, stderr: '', exitCode: out ? 1 : 0 };
}
