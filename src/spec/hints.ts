// kubespec's hints after what kubectl or the API server said about a student's manifest, for the
// mistakes students make most: a misspelt field (`spec.replica`: did you mean `spec.replicas`?), a
// kind in the wrong case (`kind: deployment`), and a file named nearly as the spec reads it
// (`nginx-deploy.yml` for `nginx-deploy.yaml`). Kubernetes' own words stay as they are; a hint is
// one more line under them.
import * as fs from 'fs';
import * as path from 'path';
import { kindInfo } from '../apiserver/kinds';
import { kindType } from '../apiserver/registry/decode';
import { closest, editDistance } from './suggest';
import { getLang, msg } from '../i18n';
import type { YamlError } from '../manifest/yaml';
import { yamlHint } from '../kubectl/resources';
import { specMessages as t } from '../i18n/messages/spec';

/** The fields a Go struct type at `segs` (below `kind`) has, or undefined past the schema. */
function fieldsAt(kind: string, segs: string[]): string[] | undefined {
  let t = kindType(kind);
  for (const s of segs) {
    while (t && (t.k === 'slice' || t.k === 'map')) t = t.elem;
    if (!t || t.k !== 'struct') return undefined;
    t = t.fields!.get(s);
  }
  while (t && (t.k === 'slice' || t.k === 'map')) t = t.elem;
  return t && t.k === 'struct' ? [...t.fields!.keys()] : undefined;
}

/** `spec.template.spec.containers[0].imagee` → `['spec', 'template', 'spec', 'containers', 'imagee']`. */
function segments(dotted: string): string[] {
  return dotted.replace(/\[\d+\]/g, '').split('.').filter(Boolean);
}

/** Hints for an API server's or kubectl's message about a manifest: one line each, without `hint: `. */
export function manifestHints(message: string): string[] {
  const hints: string[] = [];
  // strict decoding: `ReplicaSet in version "v1" cannot be handled as a ReplicaSet: strict decoding error: unknown field "spec.replica", ...`
  const strict = /(\w+) in version "[^"]*" cannot be handled as a \w+: strict decoding error: (.*)/.exec(message);
  if (strict) {
    const kind = strict[1];
    for (const m of strict[2].matchAll(/unknown field "([^"]+)"/g)) {
      if (hints.length >= 5) break;
      const segs = segments(m[1]);
      const last = segs.pop();
      const fields = last !== undefined ? fieldsAt(kind, segs) : undefined;
      const near = last !== undefined && fields ? closest(last, fields) : undefined;
      if (near) hints.push(msg(t.notAField, { field: m[1], kind, near: m[1].replace(/[^.]+$/, near) }));
    }
  }
  // a kind in the wrong case, or in the wrong apiVersion: `no matches for kind "deployment" in version "apps/v1"`
  const noKind = /no matches for kind "([^"]+)" in version "([^"]+)"/.exec(message);
  if (noKind) {
    const info = kindInfo(noKind[1]);
    if (info && info.kind !== noKind[1]) hints.push(msg(t.kindCase, { kind: info.kind }));
    else if (info && info.apiVersion !== noKind[2]) hints.push(msg(t.kindVersion, { kind: info.kind, version: info.apiVersion }));
  }
  return hints;
}

/**
 * kubespec's hint for a manifest that is not YAML (where exactly, what to change: a tab, a key
 * written twice), in the run's language; kubectl's words above it stay as they are.
 */
export function manifestYamlHint(e: YamlError, text: string): string {
  const hint = yamlHint(e, text);
  if (getLang() === 'en') return hint;
  const tab = /^(.*): this line is indented with a tab; YAML indents with spaces only$/.exec(hint);
  if (tab) return msg(t.yamlTab, { at: tab[1] });
  const key = /^(.*): the key (".*") is written twice in one map; keep one$/.exec(hint);
  if (key) return msg(t.yamlDuplicateKey, { at: key[1], key: key[2] });
  const some = /^(.*): a key is written twice in one map; keep one$/.exec(hint);
  if (some) return msg(t.yamlDuplicate, { at: some[1] });
  return hint;
}

/** Most folder entries compared with a missing file's name (a folder of thousands is not searched). */
const MAX_ENTRIES = 500;

/**
 * A file named nearly as `relative` in `folder` (another extension among .yaml/.yml/.json, another
 * case, or one or two letters off), for `X is not in your submission`: the file a student meant.
 */
export function nearMissFile(folder: string, relative: string): string | undefined {
  const dir = path.join(folder, path.dirname(relative));
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).slice(0, MAX_ENTRIES);
  } catch {
    return undefined;
  }
  const want = path.basename(relative);
  const stem = (n: string) => n.replace(/\.(ya?ml|json)$/i, '').toLowerCase();
  const rel = (n: string) => path.posix.join(path.dirname(relative) === '.' ? '' : path.dirname(relative), n);
  const same = entries.find((n) => n !== want && stem(n) === stem(want) && /\.(ya?ml|json)$/i.test(n));
  if (same) return rel(same);
  if (want.length > 100) return undefined;
  const near = entries.filter((n) => n.length <= 100 && /\.(ya?ml|json)$/i.test(n) && editDistance(n.toLowerCase(), want.toLowerCase()) <= 2);
  return near.length === 1 ? rel(near[0]) : undefined;
}
