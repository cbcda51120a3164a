// `kubespec run --kubeconfig FILE --compare`: the same specs, the same seed, on the embedded
// cluster and on the real one (one after the other, in this thread), then compare.ts's report.
// Exit code 0 when they agree, 1 when anything differs; the real cluster's run is the run's result.
import type { RunOptions } from '../runner';
import type { RunResult, SpecResult } from '../runner/result';
import type { Spec } from '../spec/model';
import { compareReport, observeStep, type Observed, type SpecComparison } from './compare';
import { RemoteSession, type RemoteRunOptions } from './session';

const keyOf = (s: { file: string; index: number }) => `${s.file}#${s.index}`;

export async function runCompare(paths: string[], options: RunOptions & { remote: RemoteRunOptions }, write: (text: string) => void): Promise<{ code: number; result: RunResult }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runSpecs } = require('../runner') as typeof import('../runner');
  const specs = new Map<string, Spec>();
  const seen = { embedded: new Map<string, Map<number, Observed>>(), real: new Map<string, Map<number, Observed>>() };
  const observer = (side: 'embedded' | 'real') => (spec: Spec, step: Spec['steps'][number], cluster: Parameters<typeof observeStep>[1]) => {
    specs.set(keyOf(spec), spec);
    const bySpec = seen[side].get(keyOf(spec)) ?? seen[side].set(keyOf(spec), new Map()).get(keyOf(spec))!;
    bySpec.set(step.index, observeStep(step, cluster));
  };
  const { remote, ...embeddedOptions } = options;
  const embedded = await runSpecs(paths, { ...embeddedOptions, onStepChecked: observer('embedded') });
  const real = await runSpecs(paths, { ...options, onStepChecked: observer('real') });
  const realBy = new Map(real.specs.map((s) => [keyOf(s), s] as const));
  const all: SpecComparison[] = [];
  for (const e of embedded.specs) {
    const spec = specs.get(keyOf(e));
    const r: SpecResult | undefined = realBy.get(keyOf(e));
    if (!spec || !r) continue;
    all.push({ spec, embedded: e, real: r, seenEmbedded: seen.embedded.get(keyOf(e)) ?? new Map(), seenReal: seen.real.get(keyOf(e)) ?? new Map() });
  }
  const session = RemoteSession.open(remote);
  const { text, differ } = compareReport(all, { server: session.server, version: session.version });
  write(text);
  return { code: differ ? 1 : 0, result: real };
}
