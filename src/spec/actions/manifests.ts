// Reading the manifests an action names: files (sandboxed to the submission and spec folders,
// size-limited), folders (their *.yaml, *.yml and *.json files, as `kubectl apply -f DIR`), or
// manifests written inline in the spec. Documents are checked as kubectl checks them before
// sending anything: an object, with `apiVersion` and `kind`, of a kind the cluster serves.
import * as fs from 'fs';
import * as path from 'path';
import { readLimited, resolveInside } from '../../manifest/files';
import { parseYaml, YamlError, type Position } from '../../manifest/yaml';
import { kindInfo, type KindInfo } from '../../apiserver/kinds';
import type { KubeObject } from '../../apiserver/types';
import type { ManifestSource } from '../model';
import { ActionError, resolveFile, type ActionContext } from './context';
import { kubectlYamlMessage } from '../../kubectl/resources';
import { manifestYamlHint } from '../hints';
import { msg } from '../../i18n';
import { reportMessages } from '../../i18n/messages/report';
import { specMessages } from '../../i18n/messages/spec';
import { asUnstructured } from '../../util/json';

export interface ManifestObject {
  object: KubeObject;
  info: KindInfo;
  /** The file as named in the spec (or `<spec>:<line> (inline)`). */
  source: string;
  position?: Position;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The texts of the files an action names, in order (a folder expands to its manifest files). */
export function readManifestFiles(files: string[], ctx: ActionContext): { text: string; display: string }[] {
  const out: { text: string; display: string }[] = [];
  for (const rel of files) {
    const resolved = resolveFile(ctx, rel);
    if (fs.statSync(resolved.absolute).isDirectory()) {
      const entries = fs
        .readdirSync(resolved.absolute)
        .filter((n) => MANIFEST_EXTENSIONS.includes(path.extname(n).toLowerCase()))
        .sort();
      if (!entries.length) throw new ActionError(`error reading ${JSON.stringify(rel)}: recognized file extensions are [.json .yaml .yml]`);
      for (const entry of entries) {
        const inner = resolveInside([resolved.absolute], entry);
        if (fs.statSync(inner.absolute).isDirectory()) continue;
        out.push({ text: readLimited(inner, ctx.maxFileBytes), display: path.posix.join(rel.replace(/\/+$/, ''), entry) });
      }
      continue;
    }
    out.push({ text: readLimited(resolved, ctx.maxFileBytes), display: rel });
  }
  return out;
}

/** Parse a manifest text into objects (a `kind: List` contributes its items). */
export function parseManifest(text: string, display: string): ManifestObject[] {
  let docs;
  try {
    docs = parseYaml(text, display);
  } catch (e) {
    // kubectl's words, as `kubectl apply -f` prints them, then where exactly and how to fix it.
    if (e instanceof YamlError) throw new ActionError(`${kubectlYamlMessage(e, text, display)}\n${msg(reportMessages.hintLabel)} ${manifestYamlHint(e, text)}`, e.position);
    throw e;
  }
  const out: ManifestObject[] = [];
  // As kubectl decodes a manifest (its unstructured scheme): an integer past int64 is a float64.
  for (const doc of docs) out.push(...checkObjects(asUnstructured(doc.value), display, doc.position));
  return out;
}

function checkObjects(v: unknown, source: string, position?: Position): ManifestObject[] {
  const at = position ? `${position.file}:${position.line}:${position.column}: ` : '';
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ActionError(`${at}error validating ${JSON.stringify(source)}: error validating data: invalid object to validate ${msg(specMessages.documentIsAMap)}`);
  }
  const obj = v as KubeObject;
  if (typeof obj.kind === 'string' && /List$/.test(obj.kind) && Array.isArray((obj as any).items)) {
    return ((obj as any).items as unknown[]).flatMap((item) => checkObjects(item, source, position));
  }
  const missing = [!obj.apiVersion ? 'apiVersion not set' : '', !obj.kind ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) throw new ActionError(`${at}error validating ${JSON.stringify(source)}: error validating data: [${missing.join(', ')}]`);
  const info = kindInfo(obj.kind);
  if (!info || info.kind !== obj.kind || info.apiVersion !== obj.apiVersion) {
    const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
    const ns = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : info && !info.namespaced ? '' : 'default';
    const hint = info && info.kind === obj.kind ? ` ${msg(specMessages.servedAs, { kind: info.kind, version: info.apiVersion })}` : '';
    throw new ActionError(
      `${at}resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}${hint}`,
    );
  }
  if (obj.metadata !== undefined && (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata))) {
    throw new ActionError(`${at}error validating ${JSON.stringify(source)}: error validating data: metadata must be a map`);
  }
  return [{ object: obj, info, source, position }];
}

/** Every object of a manifest source, in order. */
export function loadManifests(source: ManifestSource, ctx: ActionContext): ManifestObject[] {
  if ('files' in source) return readManifestFiles(source.files, ctx).flatMap((f) => parseManifest(f.text, f.display));
  const display = `${ctx.specFile}:${source.location.line} (inline manifest)`;
  if (source.text !== undefined) return parseManifest(source.text, display);
  return (source.objects ?? []).flatMap((o) => checkObjects(o, display, source.location));
}
