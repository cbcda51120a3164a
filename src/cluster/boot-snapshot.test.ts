// The build-time snapshot of the default cluster's boot objects (boot-snapshot.ts) is lossless: read
// back, it is exactly what Cluster.bootstrap would prepare (same keys, same order, no value lost to
// JSON), and it is used only for the configuration it was made for.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Clock } from '../util/clock';
import { bootKey, prepareBoot } from './cluster';
import { defaultConfig } from './config';
import { bootSnapshotText, loadBootSnapshot, writeBootSnapshot } from './boot-snapshot';

test('written and read back, the snapshot is what prepareBoot makes; another configuration does not use it', () => {
  const config = defaultConfig();
  const clock = new Clock();
  const key = bootKey(config, clock.timestamp());
  const prepared = prepareBoot(config, clock.now());
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-boot-'));
  try {
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    writeBootSnapshot(root, bootSnapshotText(key, prepared));
    const loaded = loadBootSnapshot(key, root, true)!;
    expect(loaded).toStrictEqual(prepared);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(prepared));
    expect(Object.isFrozen(loaded.system[0].metadata)).toBe(true);
    expect(loaded.system.length).toBeGreaterThan(20);
    expect(loadBootSnapshot(bootKey(defaultConfig({ nodes: [{ name: 'solo', controlPlane: true }] }), clock.timestamp()), root, true)).toBeUndefined();
    // Under ts-jest (a .ts module) the snapshot is never read: the objects are computed from the source.
    expect(loadBootSnapshot(key, root)).toBeUndefined();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
