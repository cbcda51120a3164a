import { Cluster } from './cluster';
import type { Controller, ControllerContext } from '../controllers/controller';

/** A controller that records what it reconciles, and can ask for work when idle. */
class Recorder implements Controller {
  seen: string[] = [];
  ctx!: ControllerContext;
  constructor(readonly name: string) {}
  start(ctx: ControllerContext): void {
    this.ctx = ctx;
  }
  reconcile(key: string): void {
    this.seen.push(`${key}@${this.ctx.clock.elapsed()}`);
  }
}

describe('work queues and the settle loop', () => {
  it('runs idle work after every queue has drained, once per request, without moving the clock', () => {
    const a = new Recorder('a');
    const b = new Recorder('b');
    const cluster = new Cluster({}, [a, b]);
    a.ctx.queue.addWhenIdle('batch');
    a.ctx.queue.addWhenIdle('batch');
    for (const k of ['x', 'y', 'z']) b.ctx.queue.add(k);
    cluster.settle();
    expect(b.seen).toEqual(['x@0', 'y@0', 'z@0']);
    expect(a.seen).toEqual(['batch@0']);
    expect(cluster.clock.elapsed()).toBe(0);
  });

  it('moves the clock only to settle timers; wait-only timers fire when a wait passes them', () => {
    const a = new Recorder('a');
    const cluster = new Cluster({}, [a]);
    a.ctx.queue.addAfter('ready', 2000, { settle: true });
    a.ctx.queue.addAfter('deadline', 600_000, { settle: false });
    cluster.settle();
    expect(a.seen).toEqual(['ready@2000']);
    cluster.wait(599_000);
    expect(a.seen).toEqual(['ready@2000', 'deadline@600000']);
    expect(cluster.clock.elapsed()).toBe(601_000);
  });

  it('turns a controller that never stops into a SettleError', () => {
    class Loop extends Recorder {
      override reconcile(key: string): void {
        this.ctx.queue.addAfter(key, 1000);
      }
    }
    const cluster = new Cluster({}, [new Loop('loop')]);
    (cluster as unknown as { controllers: { queue: { add(k: string): void } }[] }).controllers[0].queue.add('k');
    expect(() => cluster.settle({ maxSimulatedMs: 10_000 })).toThrow(/did not settle within 10s of simulated time/);
  });
});
