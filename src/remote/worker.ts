// The network side of a real-cluster run, in a worker thread: @kubernetes/client-node reads the
// kubeconfig (certificates, tokens, exec plugins, proxies: all its own handling) and every request
// and watch goes out from here. The runner's thread calls in synchronously through bridge.ts (the
// kubectl emulation and the runner are synchronous, as they are on the embedded cluster), and the
// watches keep running here in between, buffering what they deliver until the runner asks.
//
// Every answer is plain data: errors come back as { error } rather than being thrown, so the
// runner's thread gets one readable line whatever went wrong on the network.
import * as http from 'http';
import * as https from 'https';
import { runAsWorker } from 'synckit';
import { connect, describeNetworkError, plainGet, request, requestOptions, type Connection } from './net';
import type { WorkerRequest, WorkerReply, WireEvent } from './protocol';

/** Events buffered at most between two calls (a runaway watch cannot fill the memory). */
const MAX_BUFFERED_EVENTS = 200_000;

interface WatchState {
  id: number;
  path: string;
  resourceVersion: string;
  abort?: AbortController;
  stopped: boolean;
}

let conn: Connection | undefined;
const buffered: WireEvent[] = [];
const watchErrors: string[] = [];
let overflowed = false;
const watches = new Map<number, WatchState>();
let nextWatch = 1;
/** Woken when an event arrives (a call waiting for events returns early). */
let wake: (() => void) | undefined;

function push(ev: WireEvent): void {
  if (buffered.length >= MAX_BUFFERED_EVENTS) {
    overflowed = true;
    return;
  }
  buffered.push(ev);
  wake?.();
}

/** Longest line of a watch stream (one object); past it the watch is dropped with an error. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Start (or restart) one watch from its resourceVersion: a streaming GET of the collection with
 * `watch=1`, one JSON event per line. Lines go to the runner's thread as text, so that int64 values
 * past 2^53 keep their digits (util/json parses them there). A 410 Gone tells the runner to list
 * again; the server ending the stream (timeoutSeconds) is followed by a new one from the last
 * version seen.
 */
async function startWatch(w: WatchState): Promise<void> {
  if (!conn || w.stopped) return;
  const sep = w.path.includes('?') ? '&' : '?';
  const url = `${conn.server}${w.path}${sep}watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=${encodeURIComponent(w.resourceVersion)}`;
  const opts = await requestOptions(conn, 'GET', {});
  if ('error' in opts) {
    watchErrors.push(`watch ${w.path}: ${opts.error}`);
    setTimeout(() => void startWatch(w), 1000);
    return;
  }
  const abort = new AbortController();
  w.abort = abort;
  const again = (delayMs: number) => {
    if (!w.stopped && w.abort === abort) setTimeout(() => void startWatch(w), delayMs);
  };
  const mod = url.startsWith('https:') ? https : http;
  const r = mod.request(url, { ...opts, signal: abort.signal }, (res) => {
    if (res.statusCode !== 200) {
      res.resume();
      if (res.statusCode === 410) push({ watch: w.id, type: 'RELIST' });
      else watchErrors.push(`watch ${w.path}: HTTP ${res.statusCode}`);
      res.on('end', () => again(res.statusCode === 410 ? 0 : 1000));
      return;
    }
    let pending = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      pending += chunk;
      if (pending.length > MAX_LINE_BYTES && !pending.includes('\n')) {
        watchErrors.push(`watch ${w.path}: an event longer than ${MAX_LINE_BYTES} bytes`);
        r.destroy();
        return;
      }
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line) onLine(w, line);
      }
    });
    res.on('end', () => again(0));
    res.on('error', () => again(500));
  });
  r.on('error', (e) => {
    if (abort.signal.aborted) return again(0);
    watchErrors.push(`watch ${w.path}: ${describeNetworkError(e, url)}`);
    again(1000);
  });
  r.end();
}

/** One line of a watch stream: the type and resourceVersion are read here, the object goes on as text. */
function onLine(w: WatchState, line: string): void {
  let ev: { type?: string; object?: { metadata?: { resourceVersion?: string }; code?: number; message?: string; reason?: string } };
  try {
    ev = JSON.parse(line);
  } catch {
    watchErrors.push(`watch ${w.path}: a line that is not JSON`);
    return;
  }
  const rv = ev.object?.metadata?.resourceVersion;
  if (ev.type === 'BOOKMARK') {
    if (rv) w.resourceVersion = rv;
    return;
  }
  if (ev.type === 'ERROR') {
    if (ev.object?.code === 410) push({ watch: w.id, type: 'RELIST' });
    else watchErrors.push(`watch ${w.path}: ${ev.object?.message ?? ev.object?.reason ?? 'error'}`);
    return;
  }
  if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return;
  if (rv) w.resourceVersion = rv;
  push({ watch: w.id, type: ev.type, line });
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  switch (req.op) {
    case 'connect': {
      const c = await connect(req.kubeconfig, req.context, req.requestTimeoutMs);
      if ('error' in c) return c;
      conn = c;
      return { server: c.server, context: c.context, user: c.user };
    }
    case 'request':
      if (!conn) return { error: 'not connected' };
      return request(conn, req.method, req.path, req.body, req.contentType);
    case 'get':
      return plainGet(req.url, req.timeoutMs);
    case 'watch': {
      const w: WatchState = { id: nextWatch++, path: req.path, resourceVersion: req.resourceVersion, stopped: false };
      watches.set(w.id, w);
      void startWatch(w);
      return { watch: w.id };
    }
    case 'rewatch': {
      const w = watches.get(req.watch);
      if (w) {
        w.resourceVersion = req.resourceVersion;
        const old = w.abort;
        w.abort = undefined;
        old?.abort();
        void startWatch(w);
      }
      return {};
    }
    case 'unwatch': {
      for (const id of req.watches) {
        const w = watches.get(id);
        if (!w) continue;
        w.stopped = true;
        w.abort?.abort();
        w.abort = undefined;
        watches.delete(id);
      }
      return {};
    }
    case 'events': {
      if (!buffered.length && req.waitMs > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, req.waitMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = undefined;
        // Let a burst arrive together (one event rarely comes alone).
        if (buffered.length) await new Promise((r) => setTimeout(r, 5));
      }
      const events = buffered.splice(0);
      const errors = watchErrors.splice(0);
      const lost = overflowed;
      overflowed = false;
      return { events, errors, ...(lost ? { overflowed: true } : {}) };
    }
  }
}

runAsWorker(async (req: WorkerRequest): Promise<WorkerReply> => {
  try {
    return await handle(req);
  } catch (e) {
    return { error: (e as Error).message ?? String(e) };
  }
});
