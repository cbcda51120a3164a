// Upstream's own tables for the pod predicates and the scale-down order:
// pkg/controller/controller_utils_test.go TestSortingActivePods and TestSortingActivePodsWithRanks,
// pkg/api/v1/pod/util_test.go (IsPodAvailable), pkg/apis/core/helper (pod-deletion-cost parsing).
import type { KubeObject } from '../../apiserver/types';
import { formatTime } from '../../util/clock';
import {
  activePodsWithRanksLess,
  filterActivePods,
  getDeletionCostFromPodAnnotations,
  isPodActive,
  isPodAvailable,
  isPodReady,
  rankedPod,
  sortActivePodsWithRanks,
  POD_DELETION_COST,
} from './pods';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const HOUR = 3_600_000;
const MONTH = 30 * 24 * HOUR; // now.AddDate(0, -1, 0)

interface PodOpts {
  node?: string;
  phase?: string;
  ready?: boolean;
  /** ms; 0 = no lastTransitionTime */
  readySince?: number;
  restarts?: number[];
  created?: number;
  annotations?: Record<string, string>;
  uid?: string;
  deleting?: boolean;
}

function pod(name: string, o: PodOpts = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: o.uid ?? '',
      ...(o.created ? { creationTimestamp: formatTime(o.created) } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.deleting ? { deletionTimestamp: formatTime(NOW) } : {}),
    },
    spec: { nodeName: o.node ?? '', containers: [] },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ready ? { conditions: [{ type: 'Ready', status: 'True', ...(o.readySince ? { lastTransitionTime: formatTime(o.readySince) } : {}) }] } : {}),
      ...(o.restarts ? { containerStatuses: o.restarts.map((restartCount) => ({ restartCount })) } : {}),
    },
  };
}

describe('pod predicates', () => {
  it('IsPodActive / FilterActivePods drop Succeeded, Failed and terminating pods (TestActivePodFiltering)', () => {
    const pods = [pod('a', { phase: 'Succeeded' }), pod('b', { phase: 'Failed' }), pod('c'), pod('d', { phase: 'Pending' }), pod('e', { deleting: true })];
    expect(filterActivePods(pods).map((p) => p.metadata.name)).toEqual(['c', 'd']);
    expect(isPodActive(pod('u', { phase: 'Unknown' }))).toBe(true);
  });

  it('IsPodReady reads the Ready condition', () => {
    expect(isPodReady(pod('a', { ready: true }))).toBe(true);
    expect(isPodReady(pod('a'))).toBe(false);
  });

  it('IsPodAvailable: ready for more than minReadySeconds, strictly (podutil.IsPodAvailable)', () => {
    const readyAt = NOW - 10_000;
    const p = pod('a', { ready: true, readySince: readyAt });
    expect(isPodAvailable(p, 0, NOW)).toBe(true);
    expect(isPodAvailable(p, 9, NOW)).toBe(true);
    expect(isPodAvailable(p, 10, NOW)).toBe(false); // readyAt + 10s is not before now
    expect(isPodAvailable(p, 11, NOW)).toBe(false);
    expect(isPodAvailable(pod('b', { ready: true }), 1, NOW)).toBe(false); // no lastTransitionTime
    expect(isPodAvailable(pod('c'), 0, NOW)).toBe(false);
  });

  it.each([
    [undefined, 0],
    ['10', 10],
    ['-100', -100],
    ['0', 0],
    ['+10', 0], // a leading plus sign is invalid
    ['008', 0], // leading zeros are invalid
    ['abc', 0],
    ['2147483648', 0], // out of int32 range
    ['-2147483648', -2147483648],
  ])('pod-deletion-cost %p counts as %p', (value, want) => {
    expect(getDeletionCostFromPodAnnotations(value === undefined ? {} : { [POD_DELETION_COST]: value })).toBe(want);
  });
});

describe('ActivePodsWithRanks (controller_utils_test.go)', () => {
  it('TestSortingActivePods: the nine-pod order, for any input order', () => {
    const then = NOW - MONTH;
    const pods = [
      pod('p0', { node: '', phase: 'Pending' }), // not scheduled yet
      pod('p1', { node: 'bar', phase: 'Pending' }), // scheduled but pending
      pod('p2', { node: 'foo', phase: 'Unknown' }),
      pod('p3', { node: 'foo', phase: 'Running' }), // running, not ready
      pod('p4', { node: 'foo', ready: true, restarts: [3, 0] }), // ready, no lastTransitionTime
      pod('p5', { node: 'foo', ready: true, readySince: NOW, restarts: [3, 0] }),
      pod('p6', { node: 'foo', ready: true, readySince: then, restarts: [3, 0] }), // ready longer than p5
      pod('p7', { node: 'foo', ready: true, readySince: then, restarts: [2, 1], created: NOW }), // fewer restarts than p6
      pod('p8', { node: 'foo', ready: true, readySince: then, restarts: [2, 1], created: then }), // older than p7
    ];
    const expected = pods.map((p) => p.metadata.name);
    // ActivePods (no ranks, no logarithmic scale): equal ranks and a zero Now.
    let seed = 7;
    for (let i = 0; i < 20; i++) {
      const shuffled = [...pods];
      for (let j = shuffled.length - 1; j > 0; j--) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const k = seed % (j + 1);
        [shuffled[j], shuffled[k]] = [shuffled[k], shuffled[j]];
      }
      const sorted = sortActivePodsWithRanks(
        shuffled.map((p) => rankedPod(p, 0)),
        0,
      ).map((r) => r.pod.metadata.name);
      expect(sorted).toEqual(expected);
    }
  });

  // TestSortingActivePodsWithRanks, with PodDeletionCost and LogarithmicScaleDown enabled (their
  // state in Kubernetes 1.31+). The one row run with PodDeletionCost disabled is left out: the
  // gate is not switchable here.
  const then1Month = NOW - MONTH;
  const then2Hours = NOW - 2 * HOUR;
  const then5Hours = NOW - 5 * HOUR;
  const then8Hours = NOW - 8 * HOUR;
  const mk = (name: string, node: string, phase: string, ready: boolean, restarts: number, readySince: number, created: number, annotations?: Record<string, string>) =>
    pod(name, { node, phase, ready, restarts: ready ? [restarts] : undefined, readySince, created, annotations });
  const unscheduledPod = mk('unscheduled', '', 'Pending', false, 0, 0, 0);
  const scheduledPendingPod = mk('pending', 'node', 'Pending', false, 0, 0, 0);
  const unknownPhasePod = mk('unknown-phase', 'node', 'Unknown', false, 0, 0, 0);
  const runningNotReadyPod = mk('not-ready', 'node', 'Running', false, 0, 0, 0);
  const runningReadyNoLastTransitionTimePod = mk('ready-no-last-transition-time', 'node', 'Running', true, 0, 0, 0);
  const runningReadyNow = mk('ready-now', 'node', 'Running', true, 0, NOW, NOW);
  const runningReadyThen = mk('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
  const runningReadyNowHighRestarts = mk('ready-high-restarts', 'node', 'Running', true, 9001, NOW, NOW);
  const runningReadyNowCreatedThen = mk('ready-now-created-then', 'node', 'Running', true, 0, NOW, then1Month);
  const lowPodDeletionCost = mk('low-deletion-cost', 'node', 'Running', true, 0, NOW, then1Month, { [POD_DELETION_COST]: '10' });
  const highPodDeletionCost = mk('high-deletion-cost', 'node', 'Running', true, 0, NOW, then1Month, { [POD_DELETION_COST]: '100' });
  const unscheduled5Hours = mk('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
  const unscheduled8Hours = mk('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
  const ready2Hours = mk('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
  const ready5Hours = mk('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
  const ready10Hours = mk('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

  it.each([
    [unscheduledPod, unscheduledPod],
    [scheduledPendingPod, scheduledPendingPod],
    [unknownPhasePod, unknownPhasePod],
    [runningNotReadyPod, runningNotReadyPod],
    [runningReadyNowCreatedThen, runningReadyNowCreatedThen],
    [runningReadyNow, runningReadyNow],
    [runningReadyThen, runningReadyThen],
    [runningReadyNowHighRestarts, runningReadyNowHighRestarts],
    [unscheduled5Hours, unscheduled8Hours], // same log2 age bucket, same (empty) UID
    [ready5Hours, ready10Hours],
  ])('equivalent: %#', (p1, p2) => {
    const a = rankedPod(p1, 1);
    const b = rankedPod(p2, 1);
    expect(activePodsWithRanksLess(a, b, NOW)).toBe(false);
    expect(activePodsWithRanksLess(b, a, NOW)).toBe(false);
  });

  it.each([
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ] as [KubeObject, number, KubeObject, number][])('less: %#', (lesser, lr, greater, gr) => {
    const a = rankedPod(lesser, lr);
    const b = rankedPod(greater, gr);
    expect(activePodsWithRanksLess(a, b, NOW)).toBe(true);
    expect(activePodsWithRanksLess(b, a, NOW)).toBe(false);
  });

  it('LogarithmicScaleDown: equal age buckets fall back to pod UID order', () => {
    const a = rankedPod(pod('a', { created: NOW - 5 * HOUR, uid: 'bbb' }), 0);
    const b = rankedPod(pod('b', { created: NOW - 6 * HOUR, uid: 'aaa' }), 0);
    expect(activePodsWithRanksLess(b, a, NOW)).toBe(true);
    expect(activePodsWithRanksLess(a, b, NOW)).toBe(false);
  });
});
