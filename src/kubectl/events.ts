// `kubectl events` in the emulation, as pkg/cmd/events prints them: LAST SEEN, TYPE, REASON,
// OBJECT, MESSAGE (NAMESPACE first with -A), oldest first, with --for=TYPE/NAME and --types.
import type { KubeObject } from '../apiserver/types';
import { parseTime } from '../util/clock';
import { translateTimestampSince } from './printers/duration';
import { goSort } from './gosort';
import { formatTable } from './printers/tabwriter';
import { KubectlError, Output, resolveKind, type OpResult } from './resources';
import type { VerbContext } from './verbs';

/** getInterval: the first sighting, or `last (xN over first)` for a repeated event. */
function interval(e: KubeObject, now: number): string {
  const first = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** SortableEvents' key: the series' last sighting, else lastTimestamp, else eventTime. */
function eventTime(e: KubeObject): number {
  if (e.series?.lastObservedTime) return parseTime(e.series.lastObservedTime);
  if (e.lastTimestamp) return parseTime(e.lastTimestamp);
  return parseTime(e.eventTime);
}

export function eventsCommand(ctx: VerbContext): OpResult {
  const out = new Output();
  try {
    const { flags, args } = ctx.cmd;
    if (args.length) throw new KubectlError(`unknown command ${JSON.stringify(args[0])} for "kubectl events"`);
    const allNamespaces = flags['all-namespaces'] === true;
    const types = ((flags.types as string[]) ?? []).map((t) => t.trim());
    for (const t of types) if (!['normal', 'warning'].includes(t.toLowerCase())) throw new KubectlError(`valid --types are Normal or Warning`);
    let kind: string | undefined;
    let name: string | undefined;
    const forText = String(flags.for ?? '');
    if (forText) {
      const slash = forText.indexOf('/');
      if (slash < 0) throw new KubectlError(`--for must be in resource/name form`);
      kind = resolveKind(forText.slice(0, slash)).kind;
      name = forText.slice(slash + 1);
    }
    const output = String(flags.output ?? '');
    if (output) throw new KubectlError(`kubespec's kubectl emulation does not support "kubectl events -o ${output}"`);
    const now = ctx.cluster.clock.now();
    const listed = ctx.cluster.api
      .list('Event', { namespace: allNamespaces ? undefined : ctx.namespace })
      .filter((e) => (!kind || (e.involvedObject?.kind === kind && e.involvedObject?.name === name)) && (!types.length || types.some((t) => t.toLowerCase() === String(e.type).toLowerCase())));
    // sort.Sort(SortableEvents): Go's unstable sort, so events of the same second come out as there.
    const events = goSort(listed, (a, b) => eventTime(a) < eventTime(b));
    if (!events.length) {
      out.err(allNamespaces ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return out.result();
    }
    const rows: string[][] = [];
    if (flags['no-headers'] !== true) rows.push([...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    for (const e of events) {
      rows.push([...(allNamespaces ? [e.metadata.namespace ?? ''] : []), interval(e, now), e.type ?? '', e.reason ?? '', `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`, String(e.message ?? '').trim()]);
    }
    out.out(formatTable(rows));
  } catch (e) {
    out.fail(e);
  }
  return out.result();
}
