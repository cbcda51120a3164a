import fc from 'fast-check';
import { ApiServer } from '../apiserver/apiserver';
import { defaultStrategies } from '../apiserver/registry';
import type { KubeObject } from '../apiserver/types';
import { Clock } from '../util/clock';
import { Random } from '../util/random';
import { EventRecorder, hex16 } from './events';

// Event names end in 16 hex digits of (clock ms × 1000 + sequence); hex16 must render exactly what
// Number#toString(16) padded / cut to 16 digits does, for every value the recorder can meet.
const reference = (v: number): string => v.toString(16).padStart(16, '0').slice(-16);

describe('hex16', () => {
  it('matches toString(16) on the boundaries of its two halves', () => {
    for (const v of [0, 1, 15, 16, 0xfffffff, 0x10000000, 0x10000001, 2 ** 31, 2 ** 32, 2 ** 52, Number.MAX_SAFE_INTEGER, 1764143476000000 + 7]) {
      expect(hex16(v)).toBe(reference(v));
    }
    expect(hex16(0x10000000)).toBe('0000000010000000');
  });

  it('matches toString(16) for any safe integer, and falls back for anything else', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (v) => hex16(v) === reference(v)));
    fc.assert(fc.property(fc.double({ min: 0, max: 1e16, noNaN: true }), (v) => hex16(v) === reference(v)));
  });
});

// The recorder writes through api.createSystem, which skips create's copy and decode walk. Whatever
// it stores must be exactly what create would have stored from the same Event on the same seed:
// same uid draw, resourceVersion, timestamps, key order, and the same refusals.
describe('EventRecorder through ApiServer.createSystem', () => {
  const event = (name: string, namespace: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Node', name: 'worker0', uid: 'u-1', resourceVersion: '7' },
    reason: 'NodeReady',
    message: 'Node worker0 status is now: NodeReady',
    type: 'Normal',
    source: { component: 'node-controller' },
    reportingComponent: 'node-controller',
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
    count: 1,
  });
  const servers = () => [0, 1].map(() => new ApiServer(new Clock(), new Random(42), defaultStrategies()));
  const outcome = (f: () => KubeObject): string => {
    try {
      return JSON.stringify(f());
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };

  it('stores what create stores, with the same uids and resourceVersions', () => {
    const [a, b] = servers();
    const seen: string[][] = [[], []];
    a.watch('*', (ev) => seen[0].push(`${ev.type} ${JSON.stringify(ev.object)}`));
    b.watch('*', (ev) => seen[1].push(`${ev.type} ${JSON.stringify(ev.object)}`));
    for (const [name, ns] of [['worker0.1', 'default'], ['worker0.2', 'default'], ['worker0.1', 'default'], ['x'.repeat(260), 'default'], ['web.3', 'nope'], ['web.4', '']]) {
      expect(outcome(() => b.createSystem(event(name, ns)))).toBe(outcome(() => a.create(event(name, ns))));
    }
    // A later uid draw shows the refused over-long name consumed one in both, as create does.
    expect(b.create(event('after', 'default')).metadata.uid).toBe(a.create(event('after', 'default')).metadata.uid);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]).toHaveLength(4);
    expect(Object.isFrozen(b.get('Event', 'worker0.1')!.involvedObject)).toBe(true);
  });

  it('tryCreateSystem refuses past the Event limit as createSystem does, without the error, drawing the same uids', () => {
    const [a, b] = [0, 1].map(() => new ApiServer(new Clock(), new Random(42), defaultStrategies(), { maxObjectsPerKind: 2 }));
    const names = ['e.1', 'e.2', 'e.3', 'e.4', 'x'.repeat(260), 'e.5'];
    for (const name of names) {
      const before = outcome(() => a.createSystem(event(name, 'default')));
      const after = b.tryCreateSystem(event(name, 'default'));
      if (after) expect(JSON.stringify(after)).toBe(before);
      // Past the limit createSystem refuses it (for the limit, or for an invalid name first): dropped either way.
      else expect(before).toMatch(/^error: .*(exceeded kubespec's limit of 2 events|must be no more than 253 characters)$/);
    }
    expect(b.list('Event').map((e) => e.metadata.name)).toEqual(['e.1', 'e.2']);
    // Each refused Event drew its uid, as the refusal always did: the next object's uid is the same.
    expect(b.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } }).metadata.uid).toBe(a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } }).metadata.uid);
  });

  it('refusedAtLimit does what tryCreateSystem does with an Event past the limit, and nothing below it', () => {
    const [a, b] = [0, 1].map(() => new ApiServer(new Clock(), new Random(7), defaultStrategies(), { maxObjectsPerKind: 2 }));
    for (const name of ['e.1', 'e.2', 'e.3', 'e.4']) {
      a.tryCreateSystem(event(name, 'default'));
      if (!b.refusedAtLimit('Event', 'default')) b.tryCreateSystem(event(name, 'default'));
    }
    expect(b.list('Event')).toEqual(a.list('Event'));
    expect(b.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } }).metadata.uid).toBe(a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } }).metadata.uid);
    // A namespace that does not exist is refused as create refuses it, before any uid is drawn.
    expect(() => b.refusedAtLimit('Event', 'nope')).toThrow('namespaces "nope" not found');
  });

  it('drops an Event past the limit and bumps none of it later', () => {
    const api = new ApiServer(new Clock(), new Random(42), defaultStrategies(), { maxObjectsPerKind: 1 });
    const rec = new EventRecorder(api, new Clock(), true);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker0', uid: 'u-1', resourceVersion: '3' } } as KubeObject;
    rec.record('node-controller', node, 'Normal', 'NodeReady', 'ready');
    rec.record('node-controller', node, 'Normal', 'NodeNotReady', 'not ready');
    rec.record('node-controller', node, 'Normal', 'NodeNotReady', 'not ready');
    rec.record('node-controller', node, 'Normal', 'NodeReady', 'ready');
    expect(api.list('Event').map((e) => [e.reason, e.count])).toEqual([['NodeReady', 2]]);
  });

  it('records events the same way as before', () => {
    const [a] = servers();
    const rec = new EventRecorder(a, new Clock(), true);
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker0', uid: 'u-1', resourceVersion: '3' } } as KubeObject;
    rec.record('node-controller', node, 'Normal', 'NodeReady', 'ready');
    rec.record('node-controller', node, 'Normal', 'NodeReady', 'ready');
    const [ev] = a.list('Event');
    expect(Object.keys(ev.involvedObject as object)).toEqual(['apiVersion', 'kind', 'name', 'uid', 'resourceVersion']);
    expect(ev.count).toBe(2);
    expect(ev.metadata.namespace).toBe('default');
  });
});
