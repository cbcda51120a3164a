// The --data journal of `kubespec serve`: round trips, torn tails, corruption, compaction, crash points.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { ApiServer } from '../../apiserver/apiserver';
import type { KubeObject } from '../../apiserver/types';
import { Cluster } from '../../cluster/cluster';
import { DataError, JOURNAL_FILE, Journal, SNAPSHOT_FILE, loadData, type JournalOptions } from './journal';

const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
};

// fs's own properties cannot be redefined: the module is a copy here, so that a test can spy on a call or make it fail.
jest.mock('fs', () => ({ ...jest.requireActual('fs') }));
const fsModule: typeof fs = jest.requireMock('fs');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-journal-'));
let n = 0;
const newDir = () => path.join(root, `d${++n}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const OPTS: JournalOptions = { syncIntervalMs: 0 };

/** Every object of the server, in a stable order. */
function state(api: ApiServer): KubeObject[] {
  return api.kinds().sort().flatMap((k) => api.list(k));
}

function sorted(objects: KubeObject[]): KubeObject[] {
  const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function node(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}

function restoredApi(dir: string): ApiServer {
  const r = loadData(dir)!;
  const api = new ApiServer();
  api.restore(r.objects, r.resourceVersion);
  return api;
}

const journalOf = (dir: string) => path.join(dir, JOURNAL_FILE);

test('a fresh directory holds no state; it is created private', () => {
  const dir = newDir();
  expect(loadData(dir)).toBeUndefined();
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
});

test('round trip through a live cluster: boot objects, creates, controller writes, deletes, then a restart and more writes', () => {
  const dir = newDir();
  const c1 = new Cluster();
  const j1 = Journal.open(dir, loadData(dir), OPTS);
  j1.attach(c1.api); // the boot objects go to a snapshot at once
  c1.api.create(DEPLOY);
  j1.sync();
  c1.settle(); // the controllers' writes between requests
  c1.api.patch('Deployment', 'web', { spec: { replicas: 3 } }, 'merge', { namespace: 'default' });
  c1.settle();
  c1.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c1.api.delete('Service', 'web', { namespace: 'default' });
  c1.settle();
  j1.close();

  const r = loadData(dir)!;
  expect(r.notes).toEqual([]);
  expect(r.resourceVersion).toBe(c1.api.resourceVersion);
  const c2 = new Cluster({}, undefined, { restore: r });
  expect(state(c2.api)).toEqual(state(c1.api));
  expect(c2.api.list('Pod', { namespace: 'default' })).toHaveLength(3);

  const j2 = Journal.open(dir, r, OPTS);
  j2.attach(c2.api);
  c2.api.patch('Deployment', 'web', { spec: { replicas: 1 } }, 'merge', { namespace: 'default' });
  c2.settle();
  j2.close();
  const c3 = new Cluster({}, undefined, { restore: loadData(dir)! });
  expect(state(c3.api)).toEqual(state(c2.api));
  expect(c3.api.list('Pod', { namespace: 'default' })).toHaveLength(1);
});

test('sync is one write and one fsync however many events came before it; nothing pending costs nothing', () => {
  const dir = newDir();
  const api = new ApiServer();
  const j = Journal.open(dir, undefined, OPTS);
  j.attach(api);
  for (let i = 0; i < 20; i++) api.create(node(`n${i}`));
  const write = jest.spyOn(fsModule, 'writeSync');
  const fsync = jest.spyOn(fsModule, 'fdatasyncSync');
  try {
    j.sync();
    j.sync();
    expect(write).toHaveBeenCalledTimes(1);
    expect(fsync).toHaveBeenCalledTimes(1);
  } finally {
    write.mockRestore();
    fsync.mockRestore();
  }
  j.close();
  expect(fs.readFileSync(journalOf(dir), 'utf8').split('\n')).toHaveLength(21);
});

test('the simulated time of the last write is kept', () => {
  const dir = newDir();
  const api = new ApiServer();
  let now = 1000;
  const j = Journal.open(dir, undefined, { ...OPTS, simNow: () => now });
  j.attach(api);
  api.create(node('a'));
  now = 5000;
  api.create(node('b'));
  j.close();
  expect(loadData(dir)!.simTimeMs).toBe(5000);
});

describe('torn tails', () => {
  function withTwoNodes(): { dir: string; api: ApiServer } {
    const dir = newDir();
    const api = new ApiServer();
    const j = Journal.open(dir, undefined, OPTS);
    j.attach(api);
    api.create(node('a'));
    api.update({ ...node('a', { x: '1' }) });
    api.create(node('b'));
    j.close();
    return { dir, api };
  }

  test.each([
    ['half a record, no newline', (line: string) => line.slice(0, 37)],
    ['garbage without a newline', () => 'garbage'],
    ['a whole line that is not JSON', () => 'garbage\n'],
    ['a whole JSON line that is not a record', () => '{"t":"A","rv":99}\n'],
    ['NUL bytes left by a lost page', () => '\0'.repeat(100)],
  ])('%s is dropped, truncated off and reported; the rest loads', (_what, tail) => {
    const { dir, api } = withTwoNodes();
    const file = journalOf(dir);
    const good = fs.statSync(file).size;
    const lastLine = fs.readFileSync(file, 'utf8').trimEnd().split('\n').pop()!;
    const torn = tail(lastLine);
    fs.appendFileSync(file, torn);
    const r = loadData(dir)!;
    expect(r.notes).toEqual([`dropped a torn last record (${Buffer.byteLength(torn)} bytes) at the end of ${file}: a write that was cut off, never acknowledged`]);
    expect(sorted(r.objects)).toEqual(state(api));
    expect(fs.statSync(file).size).toBe(good);
    expect(loadData(dir)!.notes).toEqual([]);
    // and the journal goes on from there
    const api2 = new ApiServer();
    api2.restore(r.objects, r.resourceVersion);
    const j = Journal.open(dir, r, OPTS);
    j.attach(api2);
    api2.create(node('c'));
    j.close();
    expect(state(restoredApi(dir))).toEqual(state(api2));
  });

  test('a torn write of the last acknowledged record loses only that unacknowledged record', () => {
    const { dir } = withTwoNodes();
    const file = journalOf(dir);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length - 10));
    const r = loadData(dir)!;
    expect(r.notes).toHaveLength(1);
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['a']);
    expect(r.objects[0].metadata.labels).toEqual({ x: '1' });
  });

  test('a journal ending mid-record refuses to be appended to before it is loaded', () => {
    const { dir } = withTwoNodes();
    const r = loadData(dir)!;
    fs.appendFileSync(journalOf(dir), '{"t":');
    expect(() => Journal.open(dir, r, OPTS)).toThrow(/ends in an unfinished record: load it with loadData first/);
    expect(() => Journal.open(dir, undefined, OPTS)).toThrow(/holds data that was not loaded/);
  });
});

describe('corruption is a clear error naming file and line', () => {
  function journalWith(lines: string[]): string {
    const dir = newDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(journalOf(dir), lines.map((l) => l + '\n').join(''));
    return dir;
  }
  const rec = (rv: number, name: string) => JSON.stringify({ t: 'A', rv, o: node(name) });

  test.each([
    ['not JSON', 'garbage', 'line 2: not valid JSON'],
    ['an array', '[1,2]', 'line 2: not a journal record (expected a JSON object)'],
    ['a bad type', JSON.stringify({ t: 'X', rv: 2, o: node('x') }), 'line 2: the record type "t" is not A, M or D'],
    ['no rv', JSON.stringify({ t: 'A', o: node('x') }), 'line 2: the record has no valid resourceVersion "rv"'],
    ['no object', JSON.stringify({ t: 'A', rv: 2 }), 'line 2: the "o" object is missing'],
    ['no name', JSON.stringify({ t: 'A', rv: 2, o: { apiVersion: 'v1', kind: 'Node', metadata: {} } }), 'line 2: the Node has no metadata.name'],
    ['an unknown kind', JSON.stringify({ t: 'A', rv: 2, o: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x' } } }), 'line 2: unknown kind "PersistentVolumeClaim"'],
    ['a namespaced kind without namespace', JSON.stringify({ t: 'A', rv: 2, o: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } }), 'line 2: the Pod "p" has no metadata.namespace'],
    ['an empty line', '', 'line 2: not valid JSON'],
    ['deep nesting', `{"t":"A","rv":2,"o":{"apiVersion":"v1","kind":"Node","metadata":{"name":"x"},"spec":${'['.repeat(100000)}${']'.repeat(100000)}}}`, 'line 2: nests deeper than 128 levels'],
  ])('%s before the last line', (_what, bad, message) => {
    const dir = journalWith([rec(1, 'a'), bad, rec(3, 'b')]);
    let err: unknown;
    try {
      loadData(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe(`${journalOf(dir)} ${message}; the data directory is damaged (move the file away to start over)`);
    expect(fs.readFileSync(journalOf(dir), 'utf8').split('\n')).toHaveLength(4); // nothing was cut
  });

  test.each([
    ['not JSON', 'nope\n', 'line 1: not valid JSON'],
    ['another format', '{"kubespec":"snapshot","version":7,"resourceVersion":1,"objects":0}\n', 'line 1: snapshot format version 7 is not supported (expected 1)'],
    ['fewer objects than announced', `{"kubespec":"snapshot","version":1,"resourceVersion":1,"objects":2}\n${JSON.stringify(node('a'))}\n`, 'line 3: the snapshot is incomplete: 1 of 2 objects'],
    ['cut without a newline', `{"kubespec":"snapshot","version":1,"resourceVersion":1,"objects":1}\n{"kind"`, 'line 1: the snapshot is incomplete (it must end with a newline)'],
    ['a bad object', '{"kubespec":"snapshot","version":1,"resourceVersion":1,"objects":1}\n{"kind":"Node"}\n', 'line 2: the Node has no apiVersion'],
  ])('a snapshot that is %s', (_what, text, message) => {
    const dir = newDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, SNAPSHOT_FILE), text);
    expect(() => loadData(dir)).toThrow(new DataError(`${path.join(dir, SNAPSHOT_FILE)} ${message}; the data directory is damaged (move the file away to start over)`));
  });

  test('a large damaged file fails fast (linear cost)', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => rec(i + 1, `n${i}`));
    lines.splice(10000, 0, '{"t":"A","rv":');
    const dir = journalWith(lines);
    const t0 = Date.now();
    expect(() => loadData(dir)).toThrow(/line 10001: not valid JSON/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('compaction', () => {
  test('a journal past its size becomes a snapshot; later writes go on in the journal; all of it loads', () => {
    const dir = newDir();
    const api = new ApiServer();
    const j = Journal.open(dir, undefined, { ...OPTS, compactBytes: 2000 });
    j.attach(api);
    for (let i = 0; i < 40; i++) {
      api.create(node(`n${i}`, { i: String(i) }));
      if (i % 3 === 0) api.delete('Node', `n${i - 1 < 0 ? 0 : i - 1}`);
      j.sync();
    }
    expect(fs.existsSync(path.join(dir, SNAPSHOT_FILE))).toBe(true);
    expect(fs.statSync(journalOf(dir)).size).toBeLessThan(4000);
    api.update(node('n39', { late: 'yes' }));
    j.close();
    const r = loadData(dir)!;
    expect(r.notes).toEqual([]);
    expect(sorted(r.objects)).toEqual(state(api));
    expect(r.resourceVersion).toBe(api.resourceVersion);
  });

  test('a crash after the new snapshot but before the journal is emptied loads the same state', () => {
    const dir = newDir();
    const api = new ApiServer();
    const warnings: string[] = [];
    const j = Journal.open(dir, undefined, { ...OPTS, compactBytes: 1500, warn: (m) => warnings.push(m) });
    j.attach(api);
    const truncate = jest.spyOn(fsModule, 'ftruncateSync').mockImplementation(() => {
      throw new Error('killed');
    });
    try {
      for (let i = 0; i < 15; i++) {
        api.create(node(`n${i}`));
        j.sync();
      }
    } finally {
      truncate.mockRestore();
    }
    expect(warnings[0]).toMatch(/compaction of .* failed, retrying later: killed/);
    // The state on disk now: the new snapshot and a journal whose records it already covers.
    expect(fs.existsSync(path.join(dir, SNAPSHOT_FILE))).toBe(true);
    const r = loadData(dir)!;
    expect(sorted(r.objects)).toEqual(state(api));
    // a restart continues from there, the stale records still skipped
    const api2 = new ApiServer();
    api2.restore(r.objects, r.resourceVersion);
    const j2 = Journal.open(dir, r, OPTS);
    j2.attach(api2);
    api2.delete('Node', 'n3');
    api2.create(node('late'));
    j2.close();
    expect(state(restoredApi(dir))).toEqual(state(api2));
  });

  test('an interrupted snapshot file is removed and reported; the journal still has everything', () => {
    const dir = newDir();
    const api = new ApiServer();
    const j = Journal.open(dir, undefined, OPTS);
    j.attach(api);
    api.create(node('a'));
    j.close();
    fs.writeFileSync(path.join(dir, SNAPSHOT_FILE + '.tmp'), '{"kubespec":"snap');
    const r = loadData(dir)!;
    expect(r.notes[0]).toMatch(/removed an unfinished snapshot/);
    expect(sorted(r.objects)).toEqual(state(api));
  });

  test('attaching to a server behind the directory is refused', () => {
    const dir = newDir();
    const api = new ApiServer();
    const j = Journal.open(dir, undefined, OPTS);
    j.attach(api);
    api.create(node('a'));
    j.close();
    const j2 = Journal.open(dir, loadData(dir), OPTS);
    expect(() => j2.attach(new ApiServer())).toThrow(/behind the data/);
    j2.close();
  });
});

test('property: a journal cut at any byte loads the state of the last acknowledged write before the cut', () => {
  type Op = { op: 'create' | 'update' | 'delete'; name: number; label: number };
  const opArb: fc.Arbitrary<Op> = fc.record({ op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const), name: fc.nat(4), label: fc.nat(3) });
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.constantFrom(600, 1 << 30), fc.double({ min: 0, max: 1, noNaN: true }), (ops, compactBytes, cutAt) => {
      const dir = newDir();
      try {
        const api = new ApiServer();
        const j = Journal.open(dir, undefined, { ...OPTS, compactBytes });
        j.attach(api);
        // After each acknowledged write: the journal's size and the server's state.
        const acked: { size: number; objects: KubeObject[] }[] = [{ size: 0, objects: [] }];
        for (const { op, name, label } of ops) {
          const n = `n${name}`;
          const exists = !!api.get('Node', n);
          if (op === 'create' && !exists) api.create(node(n, { l: String(label) }));
          else if (op === 'update' && exists) api.update(node(n, { l: String(label) }));
          else if (op === 'delete' && exists) api.delete('Node', n);
          j.sync();
          acked.push({ size: fs.statSync(journalOf(dir)).size, objects: state(api) });
        }
        j.close();
        const file = journalOf(dir);
        const size = fs.statSync(file).size;
        const cut = Math.floor(cutAt * size);
        fs.truncateSync(file, cut);
        const r = loadData(dir);
        // The writes still in the journal are those after its last emptying (size 0).
        let from = 0;
        acked.forEach((a, i) => {
          if (a.size === 0) from = i;
        });
        let expected = acked[from];
        for (let i = from; i < acked.length; i++) if (acked[i].size <= cut) expected = acked[i];
        expect(r === undefined ? [] : sorted(r.objects)).toEqual(expected.objects);
        const atBoundary = acked.slice(from).some((a) => a.size === cut);
        // (a directory left with no whole record holds no state: undefined, nothing to report)
        if (r) expect(r.notes).toHaveLength(atBoundary ? 0 : 1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});
