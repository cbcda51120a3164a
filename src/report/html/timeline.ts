// A step's timeline drawn as inline SVG (no script, no library): pods per ReplicaSet as a stacked
// chart over simulated time (available, ready, starting, terminating bands in the ReplicaSet's
// colour, its desired count as a dashed line), a lane per Service with its ready endpoints coloured
// by the ReplicaSet behind them, a lane per `throughout` assertion (held, or where it broke) and the
// `expect` checks at the end; beneath, the legend, the requests sent and who answered, and the
// states as a table for reading without the picture.
import type { StepTimeline, TimelineState } from '../../runner/timeline';
import { attr, text } from './escape';
import { statesToDraw, tableRows } from './sample';
import { msg } from '../../i18n';
import { htmlMessages as m } from './messages';

/** Colours for a spec's ReplicaSets, by `namespace/name`, in the order they first appear (kept across its steps). */
export class Palette {
  private readonly colours = new Map<string, number>();
  static readonly SIZE = 8;

  colour(ns: string, name: string): number {
    if (name === '') return -1;
    const key = `${ns}/${name}`;
    let c = this.colours.get(key);
    if (c === undefined) this.colours.set(key, (c = this.colours.size % Palette.SIZE));
    return c;
  }
}

const W = 760;
const GUTTER = 118;
const RIGHT = 34;
const PW = W - GUTTER - RIGHT;
const CHART_H = 150;
const TOP = 16;
const LANE_H = 16;
const LANE_GAP = 6;

const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** `12s`, `1.5s`, `2m 30s`. */
export function formatSimTime(ms: number): string {
  if (ms < 60_000 || ms % 1000 !== 0) return `${Math.round(ms / 100) / 10}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${m}m ${s}s` : `${m}m`;
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

interface Series {
  index: number;
  colour: number;
  label: string;
  revision?: number;
}

/** A ReplicaSet's label: `rev 2 · nginx:1.25 · nginx-deployment-75855f94bf`. */
export function seriesLabel(tl: StepTimeline, i: number): string {
  const rs = tl.replicaSets[i];
  if (rs.name === '') return msg(m.podsWithoutReplicaSet);
  const rev = rs.revisions.length ? `${msg(m.revision, { revs: rs.revisions.join(' → ') })} · ` : '';
  return `${rev}${rs.images.join(', ') || msg(m.noImage)} · ${rs.name}${rs.namespace !== 'default' ? ` (${rs.namespace})` : ''}`;
}

function row(s: TimelineState, i: number): number[] {
  return s.rs[i] ?? [0, 0, 0, 0, 0];
}

/** The ReplicaSets the step shows (any pod or desired replica at some state), bottom of the stack first: oldest revision first. */
export function visibleSeries(tl: StepTimeline, palette: Palette): Series[] {
  const out: Series[] = [];
  tl.replicaSets.forEach((rs, i) => {
    if (!tl.states.some((s) => row(s, i).some((v) => v > 0))) return;
    const rev = Number(rs.revisions[0]);
    out.push({ index: i, colour: palette.colour(rs.namespace, rs.name), label: seriesLabel(tl, i), ...(Number.isFinite(rev) ? { revision: rev } : {}) });
  });
  // Pods without a ReplicaSet at the bottom, then each Deployment's ReplicaSets together (in the
  // order the Deployments appeared), oldest revision lowest: a rollout reads bottom-up.
  const group = new Map<string, number>();
  for (const se of out) {
    const rs = tl.replicaSets[se.index];
    const g = rs.owner !== undefined ? `${rs.namespace}/${rs.owner}` : `rs:${se.index}`;
    group.set(g, Math.min(group.get(g) ?? Infinity, se.index));
  }
  const groupOf = (se: Series) => {
    const rs = tl.replicaSets[se.index];
    return group.get(rs.owner !== undefined ? `${rs.namespace}/${rs.owner}` : `rs:${se.index}`)!;
  };
  return out.sort((a, b) => (a.colour < 0 ? -1 : 0) - (b.colour < 0 ? -1 : 0) || groupOf(a) - groupOf(b) || (a.revision ?? Infinity) - (b.revision ?? Infinity) || a.index - b.index);
}

/** The bands of one ReplicaSet, bottom up: [name, value of a row, CSS class]. */
const BANDS: [() => string, (r: number[]) => number, string][] = [
  [() => msg(m.available), (r) => r[2], 'b-av'],
  [() => msg(m.readyNotAvailable), (r) => r[1] - r[2], 'b-rd'],
  [() => msg(m.starting), (r) => r[3], 'b-st'],
  [() => msg(m.terminating), (r) => r[4], 'b-tm'],
];

export interface TimelineOptions {
  /** Unique per page: ids of the figure's parts. */
  id: string;
  palette: Palette;
}

/** Whether a timeline has anything to draw beyond one unchanging state. */
export function worthDrawing(tl: StepTimeline): boolean {
  return tl.states.length > 1 || tl.checks.some((c) => c.phase === 'throughout' || c.phase === 'eventually') || tl.endMs > tl.startMs;
}

export function renderTimeline(tl: StepTimeline, opts: TimelineOptions): string {
  const series = visibleSeries(tl, opts.palette);
  const drawn = statesToDraw(tl.states, tl.startMs, tl.endMs);
  const span = tl.endMs - tl.startMs;
  const n = drawn.length;
  // Over simulated time; a step that took none (every state at one instant) in the order of its states.
  const instant = span <= 0;
  // The axis runs on a little past the end, so the settled state shows too.
  const axisMs = instant ? 1 : span + Math.max(span * 0.08, 500);
  const xs = drawn.map((s, i) => GUTTER + (instant ? (i / Math.max(1, n)) * PW : ((s.t - tl.startMs) / axisMs) * PW));
  const xEnd = GUTTER + PW;
  const xAt = (ms: number) => (instant ? xEnd : GUTTER + ((ms - tl.startMs) / axisMs) * PW);
  const next = (i: number) => (i + 1 < n ? xs[i + 1] : xEnd);

  let max = 1;
  for (const s of drawn) {
    let total = 0;
    for (const se of series) {
      const r = row(s, se.index);
      total += r[1] + r[3] + r[4];
      max = Math.max(max, r[0]);
    }
    max = Math.max(max, total);
  }
  const step = max <= 6 ? 1 : niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => TOP + CHART_H - (v / top) * CHART_H;

  const parts: string[] = [];
  // Grid and y axis.
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line class="grid" x1="${GUTTER}" x2="${xEnd}" y1="${n1(y(v))}" y2="${n1(y(v))}"/><text class="tick" x="${GUTTER - 4}" y="${n1(y(v) + 3.5)}" text-anchor="end">${v}</text>`);
  }
  parts.push(`<text class="lane-label" x="4" y="${n1(TOP + CHART_H / 2)}">${text(msg(m.podsLane))}</text>`);

  // Stacked bands.
  const cum = drawn.map(() => 0);
  const labels: string[] = [];
  // Several Deployments side by side (blue/green, canary): each band is named by its Deployment.
  const owners = new Set(series.map((se) => tl.replicaSets[se.index].owner ?? tl.replicaSets[se.index].name)).size;
  for (const se of series) {
    const below = cum.slice();
    for (const [name, value, cls] of BANDS) {
      const values = drawn.map((s) => Math.max(0, value(row(s, se.index))));
      if (!values.some((v) => v > 0)) continue;
      const bottom = cum.slice();
      for (let i = 0; i < n; i++) cum[i] += values[i];
      let d = `M${n1(xs[0])},${n1(y(cum[0]))}`;
      for (let i = 0; i < n; i++) {
        d += `H${n1(next(i))}`;
        if (i + 1 < n && cum[i + 1] !== cum[i]) d += `V${n1(y(cum[i + 1]))}`;
      }
      d += `V${n1(y(bottom[n - 1]))}`;
      for (let i = n - 1; i >= 0; i--) {
        d += `H${n1(xs[i])}`;
        if (i > 0 && bottom[i - 1] !== bottom[i]) d += `V${n1(y(bottom[i - 1]))}`;
      }
      parts.push(`<path class="${cls} ${cc(se.colour)}" d="${d}Z"><title>${text(`${se.label}: ${name()}`)}</title></path>`);
    }
    const label = bandLabel(tl, se, owners > 1, drawn, below, cum, xs.map((x, i) => [x, next(i)]), (v) => (v / top) * CHART_H, y);
    if (label) labels.push(label);
  }
  // Each ReplicaSet's revision and image, written on its band where it is widest (drawn over the bands).
  parts.push(...labels);
  // Desired replicas, each ReplicaSet on its own (not stacked).
  for (const se of series) {
    if (se.colour < 0) continue;
    const values = drawn.map((s) => row(s, se.index)[0]);
    let d = `M${n1(xs[0])},${n1(y(values[0]))}`;
    for (let i = 0; i < n; i++) {
      d += `H${n1(next(i))}`;
      if (i + 1 < n && values[i + 1] !== values[i]) d += `V${n1(y(values[i + 1]))}`;
    }
    parts.push(`<path class="halo" d="${d}"/><path class="desired s${se.colour}" d="${d}"><title>${text(`${se.label}: ${msg(m.desired)}`)}</title></path>`);
  }
  parts.push(`<line class="axis" x1="${GUTTER}" x2="${xEnd}" y1="${n1(y(0))}" y2="${n1(y(0))}"/>`);
  if (!instant) parts.push(`<line class="settled" x1="${n1(xAt(tl.endMs))}" x2="${n1(xAt(tl.endMs))}" y1="3" y2="${n1(y(0))}"/><text class="tick" x="${n1(xAt(tl.endMs) - 3)}" y="10" text-anchor="end">${text(msg(m.settled))}</text>`);

  let yy = TOP + CHART_H + 12;
  // A lane per Service: its ready endpoints, coloured by the ReplicaSet of the pod behind each.
  for (let j = 0; j < tl.services.length; j++) {
    const svc = tl.services[j];
    const values = drawn.map((s) => s.svc[j] ?? [0, 0]);
    const most = Math.max(1, ...values.map((v) => v[0]));
    const lane = yy;
    const yl = (v: number) => lane + LANE_H - (v / most) * LANE_H;
    parts.push(`<rect class="lane" x="${GUTTER}" y="${lane}" width="${PW}" height="${LANE_H}"/>`);
    const stack: { colour: string; get: (v: number[]) => number; name: string }[] = [];
    for (const se of series) stack.push({ colour: se.colour < 0 ? 'x' : String(se.colour), get: (v) => v[2 + se.index] ?? 0, name: se.label });
    // Endpoints whose pod is in no ReplicaSet the chart shows.
    stack.push({ colour: 'x', get: (v) => v[0] - series.reduce((a, se) => a + (v[2 + se.index] ?? 0), 0), name: msg(m.otherEndpoints) });
    const base = drawn.map(() => 0);
    for (const band of stack) {
      const vals = values.map((v) => Math.max(0, band.get(v)));
      if (!vals.some((v) => v > 0)) continue;
      const bottom = base.slice();
      for (let i = 0; i < n; i++) base[i] += vals[i];
      let d = `M${n1(xs[0])},${n1(yl(base[0]))}`;
      for (let i = 0; i < n; i++) {
        d += `H${n1(next(i))}`;
        if (i + 1 < n && base[i + 1] !== base[i]) d += `V${n1(yl(base[i + 1]))}`;
      }
      d += `V${n1(yl(bottom[n - 1]))}`;
      for (let i = n - 1; i >= 0; i--) {
        d += `H${n1(xs[i])}`;
        if (i > 0 && bottom[i - 1] !== bottom[i]) d += `V${n1(yl(bottom[i - 1]))}`;
      }
      parts.push(`<path class="b-av c${band.colour}" d="${d}Z"><title>${text(msg(m.endpointsOf, { service: svc.name, who: band.name }))}</title></path>`);
    }
    const last = values[n - 1];
    parts.push(`<text class="lane-label" x="4" y="${lane + 12}"><title>${text(msg(m.serviceEndpoints, { service: `${svc.namespace}/${svc.name}` }))}</title>${text(clip(`svc ${svc.name}`, 19))}</text>`);
    parts.push(`<text class="tick" x="${xEnd + 4}" y="${lane + 12}">${last[0]}${last[0] === 0 ? ' ✗' : ''}</text>`);
    yy += LANE_H + LANE_GAP;
  }

  // A lane per `throughout` request assertion: at each state, who answered its requests (each
  // ReplicaSet's share, unanswered in red): traffic moving over in a rollout, a blue/green switch.
  (tl.throughoutRequests ?? []).forEach((req, k) => {
    const lane = yy;
    const rows = drawn.map((s) => s.req?.[k] ?? [0, 0]);
    const total = (r: number[]) => Math.max(1, r.reduce((a, b) => a + b, 0));
    const yl = (v: number) => lane + LANE_H - v * LANE_H;
    parts.push(`<rect class="lane" x="${GUTTER}" y="${lane}" width="${PW}" height="${LANE_H}"/>`);
    const stack: { cls: string; get: (r: number[]) => number; name: string }[] = [
      ...series.filter((se) => se.colour >= 0).map((se) => ({ cls: `b-av ${cc(se.colour)}`, get: (r: number[]) => r[2 + se.index] ?? 0, name: se.label })),
      { cls: 'b-av cx', get: (r: number[]) => r[1], name: msg(m.podWithoutReplicaSet) },
      { cls: 'b-av fail', get: (r: number[]) => r[0], name: msg(m.noAnswer) },
    ];
    const base = drawn.map(() => 0);
    for (const band of stack) {
      const vals = rows.map((r) => band.get(r) / total(r));
      if (!vals.some((v) => v > 0)) continue;
      const bottom = base.slice();
      for (let i = 0; i < n; i++) base[i] += vals[i];
      let d = `M${n1(xs[0])},${n1(yl(base[0]))}`;
      for (let i = 0; i < n; i++) {
        d += `H${n1(next(i))}`;
        if (i + 1 < n && base[i + 1] !== base[i]) d += `V${n1(yl(base[i + 1]))}`;
      }
      d += `V${n1(yl(bottom[n - 1]))}`;
      for (let i = n - 1; i >= 0; i--) {
        d += `H${n1(xs[i])}`;
        if (i > 0 && bottom[i - 1] !== bottom[i]) d += `V${n1(yl(bottom[i - 1]))}`;
      }
      parts.push(`<path class="${band.cls}" d="${d}Z"><title>${text(msg(m.requestLane, { n: req.times, target: req.target, who: band.name }))}</title></path>`);
    }
    parts.push(`<text class="lane-label" x="4" y="${lane + 12}"><title>${text(msg(m.requestLane, { n: req.times, target: req.target, who: '…' }))}</title>${text(clip(msg(m.requestsLane, { n: k + 1 }), 19))}</text>`);
    yy += LANE_H + LANE_GAP;
  });

  // `throughout`: held over the whole step (green), or broke at a moment (red from there, marked
  // across the chart too). `expect`: checked once the step had settled, marked at the end.
  tl.checks.forEach((c, k) => {
    if (c.phase !== 'throughout') return;
    const lane = yy;
    const broke = c.held ? undefined : xAt(c.atMs ?? tl.endMs);
    const label = `throughout: ${c.label}${c.line ? ` (${msg(m.line, { n: c.line })})` : ''} — ${c.held ? msg(m.heldEverywhere) : msg(m.brokeAt, { time: formatSimTime(c.atMs ?? tl.endMs) })}`;
    parts.push(`<g class="check"><title>${text(label)}</title>`);
    parts.push(`<rect class="held" x="${GUTTER}" y="${lane + 3}" width="${n1((broke ?? xEnd) - GUTTER)}" height="${LANE_H - 6}"/>`);
    if (broke !== undefined) {
      parts.push(`<rect class="broke" x="${n1(broke)}" y="${lane + 3}" width="${n1(Math.max(2, xEnd - broke))}" height="${LANE_H - 6}"/>`);
      parts.push(`<line class="break" x1="${n1(broke)}" x2="${n1(broke)}" y1="${TOP}" y2="${lane + LANE_H}"/>`);
      parts.push(`<text class="mark bad" x="${n1(broke)}" y="${lane + 12}" text-anchor="middle">✗</text>`);
    } else parts.push(`<text class="mark ok" x="${xEnd + 4}" y="${lane + 12}">✓</text>`);
    parts.push(`<text class="lane-label" x="4" y="${lane + 12}">${text(clip(msg(m.throughoutLane, { n: k + 1 }), 19))}</text></g>`);
    yy += LANE_H + LANE_GAP;
  });
  // `eventually`: the moment it first held (a mark), or never (red over the step, the closest state marked).
  tl.checks.forEach((c, k) => {
    if (c.phase !== 'eventually') return;
    const lane = yy;
    const at = xAt(c.atMs ?? tl.endMs);
    const label = `eventually: ${c.label}${c.line ? ` (${msg(m.line, { n: c.line })})` : ''} — ${c.held ? msg(m.firstHeldAt, { time: formatSimTime(c.atMs ?? tl.endMs) }) : msg(m.neverHeld, { time: formatSimTime(c.atMs ?? tl.endMs) })}`;
    parts.push(`<g class="check"><title>${text(label)}</title>`);
    if (c.held) {
      parts.push(`<line class="break" x1="${n1(at)}" x2="${n1(at)}" y1="${TOP}" y2="${lane + LANE_H}"/>`);
      parts.push(`<rect class="held" x="${n1(at)}" y="${lane + 3}" width="${n1(Math.max(2, Math.min(12, xEnd - at)))}" height="${LANE_H - 6}"/>`);
      parts.push(`<text class="mark ok" x="${n1(at)}" y="${lane + 12}" text-anchor="middle">✓</text>`);
    } else {
      parts.push(`<rect class="broke" x="${GUTTER}" y="${lane + 3}" width="${n1(xEnd - GUTTER)}" height="${LANE_H - 6}"/>`);
      parts.push(`<text class="mark bad" x="${n1(at)}" y="${lane + 12}" text-anchor="middle">✗</text>`);
    }
    parts.push(`<text class="lane-label" x="4" y="${lane + 12}">${text(clip(msg(m.eventuallyLane, { n: k + 1 }), 19))}</text></g>`);
    yy += LANE_H + LANE_GAP;
  });
  const expects = tl.checks.filter((c) => c.phase === 'expect');
  if (expects.length) {
    const broke = expects.filter((c) => !c.held).length;
    const label = msg(m.expectSummary, { time: formatSimTime(tl.endMs), held: expects.length - broke, broke });
    parts.push(`<g class="check"><title>${text(label)}</title><text class="lane-label" x="4" y="${yy + 12}">expect</text>`);
    expects.forEach((c, k) => {
      const x = Math.min(xEnd, xAt(tl.endMs) + 6) - (expects.length - 1 - k) * 11;
      parts.push(`<text class="mark ${c.held ? 'ok' : 'bad'}" x="${n1(x)}" y="${yy + 12}" text-anchor="middle">${c.held ? '✓' : '✗'}</text>`);
    });
    parts.push('</g>');
    yy += LANE_H + LANE_GAP;
  }

  // Time axis.
  const axisY = yy + 2;
  parts.push(`<line class="axis" x1="${GUTTER}" x2="${xEnd}" y1="${axisY}" y2="${axisY}"/>`);
  if (instant) {
    parts.push(`<text class="tick" x="${GUTTER}" y="${axisY + 13}">${text(msg(m.instant, { time: formatSimTime(tl.endMs), n: tl.states.length }))}</text>`);
  } else {
    const tstep = niceStep(axisMs, 6);
    const first = Math.ceil(tl.startMs / tstep) * tstep;
    for (let t = first; t <= tl.startMs + axisMs + 1e-6; t += tstep) {
      const x = xAt(t);
      parts.push(`<line class="axis" x1="${n1(x)}" x2="${n1(x)}" y1="${axisY}" y2="${axisY + 4}"/><text class="tick" x="${n1(x)}" y="${axisY + 15}" text-anchor="middle">${text(formatSimTime(t))}</text>`);
    }
    parts.push(`<text class="tick" x="4" y="${axisY + 15}">${text(msg(m.simulatedTime))}</text>`);
  }
  const height = axisY + 20;
  const title = msg(m.timelineTitle, { action: tl.action, n: tl.seen, from: formatSimTime(tl.startMs), to: formatSimTime(tl.endMs) });
  const svg = `<svg class="timeline" id="${attr(opts.id)}-svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${attr(opts.id)}-title"><title id="${attr(opts.id)}-title">${text(title)}</title>${parts.join('')}</svg>`;
  return `<figure class="timeline" id="${attr(opts.id)}-timeline">${svg}${legend(tl, series)}${checksList(tl)}${requestsBlock(tl, series, opts.palette)}${statesTable(tl, series, opts.id)}</figure>`;
}

/** Roughly how wide a label of the chart's small type is, in px. */
function textWidth(s: string): number {
  let w = 0;
  for (const c of s) w += c.charCodeAt(0) > 0x2e80 ? 10.5 : 6.2;
  return w;
}

/**
 * `rev 2 · nginx:1.25` on a ReplicaSet's band, in the stretch where the band is tall enough for one
 * line and widest; undefined when it is nowhere tall or wide enough (the legend still says it).
 */
function bandLabel(tl: StepTimeline, se: Series, byOwner: boolean, drawn: TimelineState[], below: number[], above: number[], spans: number[][], px: (v: number) => number, y: (v: number) => number): string | undefined {
  if (se.colour < 0) return undefined;
  const rs = tl.replicaSets[se.index];
  const first = byOwner ? (rs.owner ?? rs.name) : rs.revisions.length ? msg(m.revision, { revs: rs.revisions[rs.revisions.length - 1] }) : '';
  const words = clip([first, rs.images.join(', ')].filter(Boolean).join(' · '), 36);
  const need = textWidth(words) + 8;
  let best: { from: number; to: number; low: number; high: number } | undefined;
  // Runs of states where the band keeps at least one line's height: the widest one.
  for (let i = 0; i < drawn.length; ) {
    if (px(above[i] - below[i]) < 13) {
      i++;
      continue;
    }
    let j = i;
    let low = below[i];
    let high = above[i];
    while (j + 1 < drawn.length && px(Math.min(high, above[j + 1]) - Math.max(low, below[j + 1])) >= 13) {
      j++;
      low = Math.max(low, below[j]);
      high = Math.min(high, above[j]);
    }
    const width = spans[j][1] - spans[i][0];
    if (!best || width > best.to - best.from) best = { from: spans[i][0], to: spans[j][1], low, high };
    i = j + 1;
  }
  if (!best || best.to - best.from < need) return undefined;
  const x = (best.from + best.to) / 2;
  const yMid = (y(best.low) + y(best.high)) / 2 + 3.5;
  return `<text class="band-label" x="${n1(x)}" y="${n1(yMid)}" text-anchor="middle">${text(words)}</text>`;
}

function clip(s: string, max: number): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s;
}

/** The CSS class of a series' colour: `c0`...`c7`, `cx` for pods without a ReplicaSet. */
function cc(colour: number): string {
  return colour < 0 ? 'cx' : `c${colour}`;
}

function swatch(colourClass: string, band = 'b-av'): string {
  return `<svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><rect class="${band} ${colourClass}" width="12" height="12"/></svg>`;
}

function legend(tl: StepTimeline, series: Series[]): string {
  if (!series.length) return `<p class="legend muted">${text(msg(m.noPods))}</p>`;
  const items = series.map((se) => `<li>${swatch(cc(se.colour))} ${text(se.label)}${tl.replicaSets[se.index].owner ? ` <span class="muted">(Deployment ${text(tl.replicaSets[se.index].owner!)})</span>` : ''}</li>`);
  const c = series.find((s) => s.colour >= 0)?.colour ?? -1;
  const key = BANDS.map(([name, , cls]) => `<li>${swatch(cc(c), cls)} ${text(name())}</li>`).join('') + `<li><svg class="swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true"><path class="desired s${c < 0 ? 'x' : c}" d="M0,6H18"/></svg> ${text(msg(m.desired))}</li>`;
  return `<ul class="legend">${items.join('')}</ul><ul class="legend key">${key}</ul>`;
}

function checksList(tl: StepTimeline): string {
  if (!tl.checks.length) return '';
  const items = tl.checks.map((c) => {
    const time = formatSimTime(c.atMs ?? tl.endMs);
    const when =
      c.phase === 'eventually' ? msg(c.held ? m.firstHeldAt : m.neverHeld, { time }) : c.phase === 'throughout' && c.held ? msg(m.heldEverywhere) : msg(c.held ? m.heldAt : m.brokeAt, { time });
    return `<li class="${c.held ? 'ok' : 'bad'}"><span class="sym">${c.held ? '✓' : '✗'}</span> <b>${c.phase}</b> ${text(c.label)}${c.line ? ` <span class="muted">${text(msg(m.line, { n: c.line }))}</span>` : ''} — ${text(when)}</li>`;
  });
  return `<ul class="checks">${items.join('')}</ul>`;
}

function requestsBlock(tl: StepTimeline, series: Series[], palette: Palette): string {
  if (!tl.requests.length) return '';
  const blocks = tl.requests.map((r) => {
    const colourOf = (k: number): string => {
      if (k < 0) return 'fail';
      const rs = r.pods[k].rs;
      const info = rs >= 0 ? tl.replicaSets[rs] : undefined;
      return info && info.name !== '' ? `c${palette.colour(info.namespace, info.name)}` : 'cx';
    };
    const size = 9;
    const perRow = 40;
    const cells = r.answers.map((k, i) => {
      const x = (i % perRow) * (size + 2);
      const yy = Math.floor(i / perRow) * (size + 2);
      const who = k < 0 ? msg(m.noAnswer) : r.pods[k].name;
      return `<rect class="req b-av ${colourOf(k)}" x="${x}" y="${yy}" width="${size}" height="${size}"><title>${text(msg(m.requestN, { i: i + 1, who }))}</title></rect>`;
    });
    const rows = Math.max(1, Math.ceil(r.answers.length / perRow));
    const w = Math.min(r.answers.length, perRow) * (size + 2);
    const grid = `<svg class="requests" viewBox="0 0 ${Math.max(w, 1)} ${rows * (size + 2)}" width="${Math.max(w, 1)}" height="${rows * (size + 2)}" role="img" aria-label="${attr(msg(m.requestsAria, { n: r.sent }))}">${cells.join('')}</svg>`;
    // Who answered, by ReplicaSet (the canary's share) and by pod.
    const byRs = new Map<string, { n: number; cls: string; label: string }>();
    for (const k of r.answers) {
      const cls = colourOf(k);
      const rs = k < 0 ? -1 : r.pods[k].rs;
      const label = k < 0 ? msg(m.noAnswer) : rs >= 0 ? (series.find((s) => s.index === rs)?.label ?? seriesLabel(tl, rs)) : msg(m.podWithoutReplicaSet);
      const e = byRs.get(label) ?? { n: 0, cls, label };
      e.n++;
      byRs.set(label, e);
    }
    const total = Math.max(1, r.answers.length);
    let x = 0;
    const share = [...byRs.values()].map((e) => {
      const width = (e.n / total) * 300;
      const rect = `<rect class="b-av ${e.cls}" x="${n1(x)}" y="0" width="${n1(width)}" height="10"><title>${text(msg(m.shareOf, { n: e.n, total: r.answers.length, who: e.label }))}</title></rect>`;
      x += width;
      return rect;
    });
    const shares = [...byRs.values()].map((e) => `<li>${swatch(e.cls)} ${text(msg(m.shareOf, { n: e.n, total: r.answers.length, who: e.label }))}</li>`);
    const tally = new Map<number, number>();
    for (const k of r.answers) if (k >= 0) tally.set(k, (tally.get(k) ?? 0) + 1);
    const pods = [...tally].map(([k, c]) => `${r.pods[k].name} ×${c}`).join(', ');
    const failures = r.failures.map((f) => `<li class="bad">${f.count} × ${text(f.reason)}</li>`).join('');
    const more = r.sent > r.answers.length ? ` ${msg(m.firstShown, { n: r.answers.length })}` : '';
    return `<div class="reqs"><p><b>${text(msg(m.requests, { n: r.sent }))}</b> ${text(msg(m.requestsTo, { target: r.target }))}${r.line ? ` <span class="muted">${text(msg(m.line, { n: r.line }))}</span>` : ''} ${text(msg(m.at, { time: formatSimTime(r.t) }))}${text(more)}</p><svg class="share" viewBox="0 0 300 10" width="300" height="10" aria-hidden="true">${share.join('')}</svg><ul class="legend">${shares.join('')}</ul>${grid}<p class="muted small">${text(msg(m.answeredBy, { pods: pods || msg(m.noPod) }))}</p>${failures ? `<ul class="checks">${failures}</ul>` : ''}</div>`;
  });
  return blocks.join('');
}

function statesTable(tl: StepTimeline, series: Series[], id: string): string {
  const rows = tableRows(tl.states);
  const head = `<tr><th>${text(msg(m.time))}</th>${series.map((se) => `<th>${swatch(cc(se.colour))} ${text(se.label)}</th>`).join('')}${tl.services.map((s) => `<th>svc ${text(s.name)}</th>`).join('')}</tr>`;
  const body = rows.map((s) => {
    const cells = series.map((se) => {
      const r = row(s, se.index);
      const said = [msg(m.readyOf, { ready: r[1], desired: r[0] }), ...(r[2] !== r[1] ? [msg(m.nAvailable, { n: r[2] })] : []), ...(r[3] ? [msg(m.nStarting, { n: r[3] })] : []), ...(r[4] ? [msg(m.nTerminating, { n: r[4] })] : [])];
      return `<td data-rs="${se.index}" data-v="${r.join(',')}">${text(said.join(', '))}</td>`;
    });
    const svc = tl.services.map((_, j) => {
      const v = s.svc[j] ?? [0, 0];
      return `<td data-svc="${j}" data-v="${v.join(',')}">${text([msg(m.nReady, { n: v[0] }), ...(v[1] ? [msg(m.nNotReady, { n: v[1] })] : [])].join(', '))}</td>`;
    });
    return `<tr data-t="${s.t}"><td>${text(formatSimTime(s.t))}</td>${cells.join('')}${svc.join('')}</tr>`;
  });
  const note = tl.seen > rows.length ? ` ${msg(m.shownOf, { shown: rows.length, n: tl.seen })}` : '';
  return `<details class="states" id="${attr(id)}-states"><summary>${text(msg(m.statesTable, { n: tl.seen }) + note)}</summary><div class="scroll"><table>${head}${body.join('')}</table></div></details>`;
}
