// The janitor: a small process a real-cluster run starts beside itself, which deletes the run's
// namespaces if the run dies before it could (Ctrl-C, a kill, a crash). The run writes each
// namespace it creates to a state file, and strikes it out once deleted; the janitor waits for its
// stdin to close (the run has exited, however it exited), then deletes what is still listed.
//
// A run's thread is blocked inside each API call (bridge.ts), so a signal handler in the run could
// wait a whole step before it ran; a process of its own cleans up at once, even after SIGKILL.
import * as fs from 'fs';
import { connect, request } from './net';

/** Namespaces still listed in the state file: lines `+name` (created) and `-name` (deleted). */
export function pendingNamespaces(stateFile: string): string[] {
  let text = '';
  try {
    text = fs.readFileSync(stateFile, 'utf8');
  } catch {
    return [];
  }
  const live = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('+')) live.add(line.slice(1));
    else if (line.startsWith('-')) live.delete(line.slice(1));
  }
  return [...live];
}

async function main(): Promise<void> {
  const [stateFile, kubeconfig, context] = process.argv.slice(2);
  // Ctrl-C reaches the whole process group: the janitor outlives it to do its job.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.stdin.resume();
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve);
    process.stdin.on('close', resolve);
    process.stdin.on('error', () => resolve());
  });
  const left = pendingNamespaces(stateFile);
  if (left.length) {
    const conn = await connect(kubeconfig || undefined, context || undefined, 30_000);
    if ('error' in conn) {
      process.stderr.write(`kubespec: could not delete namespace ${left.join(', ')}: ${conn.error}\n`);
    } else {
      for (const ns of left) {
        process.stderr.write(`kubespec: the run stopped; deleting namespace ${ns}\n`);
        const r = await request(conn, 'DELETE', `/api/v1/namespaces/${encodeURIComponent(ns)}`, JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' }));
        if ('error' in r) process.stderr.write(`kubespec: could not delete namespace ${ns}: ${r.error}\n`);
        else if (r.status >= 300 && r.status !== 404) process.stderr.write(`kubespec: could not delete namespace ${ns}: HTTP ${r.status}\n`);
      }
    }
  }
  try {
    fs.unlinkSync(stateFile);
  } catch {
    // already gone
  }
}

if (require.main === module) void main().then(() => process.exit(0));
