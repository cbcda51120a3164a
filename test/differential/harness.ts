// The differential harness: each command line runs through kubespec's kubectl emulation on one
// cluster and through the real kubectl v1.32 against `kubespec serve` on its twin (same seed, same
// nodes), both settled after every command; the outputs are compared after normalising only what
// depends on the wall clock (ages, timestamps). Used by differential.test.ts and report.ts.
import * as fs from 'fs';
import * as path from 'path';
import { Cluster } from '../../src/cluster/cluster';
import { runKubectl } from '../../src/kubectl';
import { tokenize } from '../../src/kubectl/tokenize';
import { kubectl, ROOT, startServer, type Server } from '../serve/support';
import type { Scenario } from './corpus';

export interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Row {
  scenario: string;
  /** `scenario #n` */
  id: string;
  command: string;
  emulation: Outcome;
  real: Outcome;
  identical: boolean;
}

/**
 * What differs between twins only because one follows the wall clock: ages (`5s`, `2m10s`, `3d`),
 * RFC 3339 and HTTP-style timestamps, klog headers (time and process id). Nothing else is touched.
 */
export function normalise(text: string): string {
  return text
    // klog's header: the wall-clock time and the process id.
    .replace(/^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1<klog> ')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>')
    .replace(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}\b/g, '<time>')
    .replace(/(?<![\w.:/-])(?:\d+[ydhms]){1,3}(?![\w.:/-])/g, '<age>')
    // kubectl computes describe's ages on its own clock: a cluster run faster (--speed) is ahead of it.
    .replace(/<invalid>/g, '<age>')
    // Container logs stamp lines with the cluster's clock: nginx's error log and both access logs.
    .replace(/\b\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\b/g, '<time>')
    .replace(/\[\d\d\/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]/g, '[<time>]')
    .replace(/\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d \d\d:\d\d:\d\d(?:\.\d+)? \d{4}\]/g, '[<time>]')
    // The emulation names serve's default address; the served twin listens on a free port.
    .replace(/https:\/\/127\.0\.0\.1:\d+/g, 'https://127.0.0.1:<port>')
    // kubectl diff's temporary folders and their files' modification times.
    .replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-<n>')
    .replace(/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}\b/g, '<time>')
    .replace(/\(x\d+ over <age>\)/g, '(x<n> over <age>)')
    // An Event's name ends in the hex of the wall-clock nanoseconds it was recorded at.
    .replace(/\b([a-z0-9][-a-z0-9.]*)\.[0-9a-f]{16}\b/g, '$1.<event-id>')
    // The judge's binary is named kubectl.1.32: --record's change cause starts with that name.
    .replace(/\bkubectl\.1\.32 /g, 'kubectl ')
    .replace(/ {2,}/g, '  ')
    .replace(/ +\n/g, '\n');
}

/** Settle the served cluster: poll until no controller has work and no timer a settle waits on. */
async function settled(server: Server, timeoutMs = 20_000): Promise<void> {
  const cluster = server.live.cluster;
  const start = Date.now();
  for (;;) {
    if (!cluster.busy && !cluster.pendingTimers().some((t) => t.settle)) return;
    if (Date.now() - start > timeoutMs) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

function firstPod(cluster: Cluster, selector: string): string {
  const [k, v] = selector.split('=');
  const names = cluster.api
    .list('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.[k] === v && !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name!)
    .sort();
  return names[0] ?? 'no-such-pod';
}

function expand(command: string, cluster: Cluster): string {
  return command.replace(/\{pod ([^}]+)\}/g, (_, sel: string) => firstPod(cluster, sel));
}

/** What editor.js does to the file `kubectl edit` opens: the first occurrence of each `find` replaced. */
function applyEdits(text: string, edits: [string, string][]): string {
  for (const [find, replace] of edits) {
    const i = text.indexOf(find);
    if (i >= 0) text = text.slice(0, i) + replace + text.slice(i + find.length);
  }
  return text;
}

/** Run one scenario on fresh twins; `onRow` sees each command as it completes. */
export async function runScenario(scenario: Scenario, seed = 1, onRow?: (r: Row) => void): Promise<Row[]> {
  const twin = new Cluster({ seed });
  const server = await startServer({ seed, speed: scenario.speed ?? 10 });
  const rows: Row[] = [];
  try {
    for (let i = 0; i < scenario.commands.length; i++) {
      const template = scenario.commands[i];
      const emuLine = expand(template, twin);
      const edits = scenario.edits?.[i + 1];
      const emu = runKubectl(twin, emuLine, {
        ...(edits ? { edit: (text: string) => applyEdits(text, edits) } : {}),
        readFile(p: string) {
          const abs = path.resolve(ROOT, p);
          if (!abs.startsWith(ROOT + path.sep)) throw new Error(`${p}: outside the project`);
          return { text: fs.readFileSync(abs, 'utf8'), display: p };
        },
        readSource(p: string) {
          const abs = path.resolve(ROOT, p);
          if (!abs.startsWith(ROOT + path.sep)) throw new Error(`${p}: outside the project`);
          if (!fs.existsSync(abs)) throw new Error(`${p}: no such file`);
          if (fs.statSync(abs).isDirectory()) {
            const all = fs.readdirSync(abs, { withFileTypes: true });
            return { kind: 'dir', entries: all.filter((e) => e.isFile()).map((e) => e.name).sort(), dirs: all.filter((e) => e.isDirectory()).map((e) => e.name).sort() };
          }
          return { kind: 'file', data: fs.readFileSync(abs) };
        },
      });
      const settles = !scenario.unsettled?.includes(i + 1);
      try {
        if (settles) twin.settle();
      } catch {
        // a cluster that does not settle is compared as it stands
      }
      const realLine = expand(template, server.live.cluster);
      const words = tokenize(realLine);
      const editor = edits ? { EDITOR: `node ${path.join(__dirname, 'editor.js')}`, EDIT_PAIRS: JSON.stringify(edits) } : undefined;
      // A change left to play out starts at serve's now: an idle serve's cluster clock stands where it
      // last ran, and a write would start its timers there, already due (kubespec serve applies writes
      // at that clock), so the harness brings it to the wall clock first.
      if (!settles) server.live.cluster.runUntil(server.live.simNow(), 10_000);
      const real = await kubectl(server, words[0] === 'kubectl' ? words.slice(1) : words, { timeoutMs: 60_000, env: editor });
      if (settles) await settled(server);
      const emulation = { stdout: emu.stdout, stderr: emu.stderr, code: emu.exitCode };
      const row: Row = {
        scenario: scenario.name,
        id: `${scenario.name} #${i + 1}`,
        command: template,
        emulation,
        real,
        identical: normalise(emulation.stdout) === normalise(real.stdout) && normalise(emulation.stderr) === normalise(real.stderr) && emulation.code === real.code,
      };
      rows.push(row);
      onRow?.(row);
    }
  } finally {
    await server.close();
  }
  return rows;
}
