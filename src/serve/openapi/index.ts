// Runtime loader of the OpenAPI documents `kubespec serve` answers on /openapi/v2 and /openapi/v3:
// reads generated/openapi/ (written at build time by ./generate.ts) once, lazily, and caches it.
//
// /openapi/v2 as protobuf: kubectl asks for `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`
// (the gnostic OpenAPIv2 encoding). We do not produce it: openapiV2Protobuf() returns undefined and
// the HTTP layer should answer 406 to that Accept (or JSON when JSON is acceptable). Answering JSON
// to a protobuf-only Accept would hand kubectl bytes it fails to unmarshal; a 406 is an error it
// expects. kubectl copes either way: `kubectl apply` reads the v2 schema with
// `o.OpenAPISchema, _ = f.OpenAPISchema()` (the error is ignored) and its Patcher then computes the
// strategic merge patch from its compiled-in Go types (strategicpatch.NewPatchMetaFromStruct),
// while `kubectl explain` and field-validation discovery use /openapi/v3, which is served here.
import * as fs from 'fs';
import * as path from 'path';

interface Loaded {
  index: Buffer;
  v2: Buffer;
  v3: Map<string, { body: Buffer; hash: string }>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const dir = path.join(packageRoot(__dirname), 'generated', 'openapi');
  let files: Map<string, Buffer>;
  if (fs.existsSync(path.join(dir, 'v3', 'index.json'))) {
    files = new Map();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json')) files.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p));
      }
    };
    walk(dir);
  } else {
    // A fresh checkout run through ts-jest, without `npm run build`: generate in-process (no write).
    // Required here only: the generator needs typescript, which an installed kubespec lacks (and
    // does not need, its generated/ being shipped).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gen = require('./generate') as typeof import('./generate');
    files = gen.generate().files;
  }
  const v3 = new Map<string, { body: Buffer; hash: string }>();
  const index = JSON.parse(files.get('v3/index.json')!.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
  for (const [gv, { serverRelativeURL }] of Object.entries(index.paths)) {
    const body = files.get(`v3/${gv}.json`);
    if (!body) throw new Error(`generated/openapi/v3/${gv}.json is missing`);
    v3.set(gv, { body, hash: new URL(serverRelativeURL, 'http://x').searchParams.get('hash')! });
  }
  loaded = { index: files.get('v3/index.json')!, v2: files.get('v2.json')!, v3 };
  return loaded;
}

/** The nearest directory above `from` holding a package.json: the repository (src/ under ts-jest, dist/src/ built) or the installed package. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** GET /openapi/v3: `{"paths": {"apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=..."}}}`. */
export function openapiV3Index(): Buffer {
  return load().index;
}

/**
 * GET /openapi/v3/<path> (e.g. 'apis/apps/v1'), or undefined for a group-version not served. `hash`
 * is the document's ETag and its URL's `hash` (upstream: quote it in ETag; when a request's `hash`
 * differs, redirect 301 to the current URL; when it matches, `Cache-Control: public, immutable`).
 */
export function openapiV3Document(gvPath: string): { body: Buffer; hash: string } | undefined {
  return load().v3.get(gvPath.replace(/^\/+|\/+$/g, ''));
}

/** GET /openapi/v2 as JSON (swagger 2.0). */
export function openapiV2(): Buffer {
  return load().v2;
}

/** GET /openapi/v2 as gnostic protobuf: not produced (see the top of this file); answer 406 or JSON. */
export function openapiV2Protobuf(): Buffer | undefined {
  return undefined;
}
