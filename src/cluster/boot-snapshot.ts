// The course cluster's boot objects (Cluster.bootstrap) computed at build time: `npm run build`
// writes generated/boot/default.json for the default layout, limits and boot instant, so that a
// `kubespec run` does not prepare them itself (the kubeadm system objects take some 25 ms to make
// in a fresh process: their controllers' first syncs). Read only by a build (dist/), where the
// file and the code come from the same build; under ts-node and ts-jest the objects are computed.
import * as fs from 'fs';
import * as path from 'path';
import type { KubeObject } from '../apiserver/types';
import { deepFreeze } from '../util/clone';

export interface PreparedBoot {
  base: KubeObject[];
  system: KubeObject[];
}

const FILE = ['generated', 'boot', 'default.json'];

function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The objects as read back from their JSON, frozen. */
export function asJson(prepared: PreparedBoot): PreparedBoot {
  const copy = JSON.parse(JSON.stringify(prepared)) as PreparedBoot;
  return { base: copy.base.map((o) => deepFreeze(o)), system: copy.system.map((o) => deepFreeze(o)) };
}

/** The snapshot's objects when it was made for `key` (bootKey), else undefined. */
export function loadBootSnapshot(key: string, from: string = __dirname, force = false): PreparedBoot | undefined {
  if (!force && !__filename.endsWith('.js')) return undefined;
  try {
    const root = packageRoot(from);
    if (!root) return undefined;
    const snapshot = JSON.parse(fs.readFileSync(path.join(root, ...FILE), 'utf8')) as { key: string } & PreparedBoot;
    if (snapshot.key !== key) return undefined;
    return { base: snapshot.base.map((o) => deepFreeze(o)), system: snapshot.system.map((o) => deepFreeze(o)) };
  } catch {
    return undefined;
  }
}

/** The snapshot's text for `key` and its objects. */
export function bootSnapshotText(key: string, prepared: PreparedBoot): string {
  return JSON.stringify({ key, base: prepared.base, system: prepared.system });
}

/** Write the snapshot under `root`/generated/boot (written beside and renamed: never half a file). */
export function writeBootSnapshot(root: string, text: string): string {
  const file = path.join(root, ...FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return file;
}

if (require.main === module) {
  /* eslint-disable @typescript-eslint/no-require-imports -- the generator needs the cluster; the loader must not */
  const { bootKey, prepareBoot } = require('./cluster') as typeof import('./cluster');
  const { defaultConfig } = require('./config') as typeof import('./config');
  const { Clock } = require('../util/clock') as typeof import('../util/clock');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = defaultConfig();
  const clock = new Clock();
  const key = bootKey(config, clock.timestamp());
  const file = writeBootSnapshot(packageRoot(__dirname)!, bootSnapshotText(key, prepareBoot(config, clock.now())));
  console.log(`wrote the default cluster's boot objects to ${path.relative(process.cwd(), file) || file}`);
}
