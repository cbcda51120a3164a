// Durable storage for `kubespec serve --data DIR`: a snapshot of every object plus a journal of the
// watch events after it, fsynced before a write is acknowledged, replayed on start.
//
// DIR/snapshot.jsonl: a header line {kubespec:'snapshot', version, resourceVersion, simTimeMs?, objects: N}
//   then N lines, one object each. Written whole to snapshot.jsonl.tmp, fsynced, renamed over the old
//   one, then the directory is fsynced: a crash leaves either the old snapshot or the new one.
// DIR/journal.jsonl: one line per watch event, {t:'A'|'M'|'D', rv, sim?, o: object}, appended in
//   the order the events came. Lines are written whole and end with '\n'; a crash mid-write leaves at
//   most one unfinished last line (never acknowledged: the fsync comes after it), which loadData
//   drops, truncates off and reports. A bad line anywhere else is corruption and a clear error.
// Compaction writes a new snapshot, then empties the journal. A crash between the two leaves journal
// lines the snapshot already covers: their rv is <= the snapshot's, and loading skips them.
import * as fs from 'fs';
import * as path from 'path';
import type { ApiServer } from '../../apiserver/apiserver';
import { kindInfo } from '../../apiserver/kinds';
import type { KubeObject, WatchEvent } from '../../apiserver/types';
import { parseJson, stringifyJson } from '../../util/json';
import { msg } from '../../i18n';
import { serveMessages as sm } from '../../i18n/messages/serve';

export const SNAPSHOT_FILE = 'snapshot.jsonl';
export const JOURNAL_FILE = 'journal.jsonl';
const SNAPSHOT_VERSION = 1;

/** Deepest object nesting accepted from the files (request bodies stop at 100; the stack is far deeper). */
const MAX_DEPTH = 128;
/** Pending journal text written out (not yet fsynced) past this many characters, between syncs. */
const FLUSH_AT_CHARS = 1 << 20;
/** Snapshot text gathered before each write. */
const SNAPSHOT_CHUNK_CHARS = 1 << 20;

/** What an earlier run left in DIR. */
export interface Restored {
  objects: KubeObject[];
  /** The resourceVersion counter where it stood (>= every object's). */
  resourceVersion: number;
  /** The simulated clock at the last recorded write, when a simNow was given to Journal.open. */
  simTimeMs?: number;
  /** What loading had to repair, one human-readable line each (for stderr). */
  notes: string[];
}

/** A data directory that cannot be loaded or written: the message says which file, which line and why. */
export class DataError extends Error {
  override name = 'DataError';
}

type RecordType = 'A' | 'M' | 'D';

interface JournalRecord {
  t: RecordType;
  rv: number;
  sim?: number;
  o: KubeObject;
}

/**
 * Load the state kept in `dir` (created, mode 0700, if missing). Undefined when it holds none yet
 * (no snapshot and no complete journal record). A torn last journal record is truncated off the
 * file and reported in `notes`; anything else that does not parse or has the wrong shape throws a
 * DataError. Cost linear in the files' size.
 */
export function loadData(dir: string): Restored | undefined {
  ensureDir(dir);
  const notes: string[] = [];
  const objects = new Map<string, KubeObject>();
  let snapshotRv = 0;
  let sim: number | undefined;
  let found = false;

  const tmp = path.join(dir, SNAPSHOT_FILE + '.tmp');
  if (fs.existsSync(tmp)) {
    fs.rmSync(tmp, { force: true });
    notes.push(msg(sm.removedSnapshot, { file: tmp }));
  }

  const snapshotPath = path.join(dir, SNAPSHOT_FILE);
  const snapshot = readIfExists(snapshotPath);
  if (snapshot !== undefined) {
    found = true;
    const header = readSnapshot(snapshotPath, snapshot, objects);
    snapshotRv = header.resourceVersion;
    sim = header.simTimeMs;
  }

  const journalPath = path.join(dir, JOURNAL_FILE);
  const journal = readIfExists(journalPath);
  let rv = snapshotRv;
  if (journal !== undefined && journal.length) {
    const { end, torn } = completeRecords(journalPath, journal);
    if (torn) {
      truncateFile(journalPath, end);
      notes.push(msg(sm.droppedTornRecord, { bytes: journal.length - end, file: journalPath }));
    }
    // The newest version of each key wins, not the last line: an event emitted from inside another
    // event's handler reaches the journal before the event that caused it.
    const keyRv = new Map<string, number>();
    forEachLine(journal.subarray(0, end), (text, line) => {
      const rec = parseRecord(journalPath, line, text);
      found = true;
      if (rec.rv <= snapshotRv) return; // covered by the snapshot (a compaction stopped before emptying the journal)
      const key = keyOf(rec.o);
      if ((keyRv.get(key) ?? 0) > rec.rv) return;
      keyRv.set(key, rec.rv);
      if (rec.t === 'D') objects.delete(key);
      else objects.set(key, rec.o);
      if (rec.rv > rv) rv = rec.rv;
      if (rec.sim !== undefined && (sim === undefined || rec.sim > sim)) sim = rec.sim;
    });
  }
  if (!found) return undefined;
  const restored: Restored = { objects: [...objects.values()], resourceVersion: rv, notes };
  if (sim !== undefined) restored.simTimeMs = sim;
  return restored;
}

export interface JournalOptions {
  /** The simulated clock, recorded with every write so that a restart can continue from it. */
  simNow?: () => number;
  /** Compact once the journal holds this many bytes (and at least as many as the snapshot). Default 8 MiB. */
  compactBytes?: number;
  /** Write and fsync what the controllers wrote between requests this often; 0: only on sync(). Default 1000. */
  syncIntervalMs?: number;
  /** Told about failures that cannot be thrown to a caller (the timer's sync, a compaction). */
  warn?: (message: string) => void;
}

/**
 * The writer side: records every watch event of the attached ApiServer and makes them durable on
 * sync(). Call sync() after each write request, before the response; one fsync covers every event
 * since the last one.
 */
export class Journal {
  private readonly journalPath: string;
  private readonly snapshotPath: string;
  private fd: number | undefined;
  /** Bytes of the journal file, all whole records. */
  private size: number;
  private snapshotBytes: number;
  /** The resourceVersion the files cover. */
  private diskRv: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private unsynced = false;
  /** A failed write could not be undone: the file may end in a partial record; nothing more is appended. */
  private broken: string | undefined;
  /** After a failed compaction: the journal size to reach before trying again. */
  private retryCompactAt = 0;
  private api: ApiServer | undefined;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly compactBytes: number;

  private constructor(
    private readonly dir: string,
    restored: Restored | undefined,
    private readonly options: JournalOptions,
  ) {
    this.journalPath = path.join(dir, JOURNAL_FILE);
    this.snapshotPath = path.join(dir, SNAPSHOT_FILE);
    this.compactBytes = options.compactBytes ?? 8 << 20;
    ensureDir(dir);
    const existed = fs.existsSync(this.journalPath);
    this.snapshotBytes = fileSize(this.snapshotPath);
    this.fd = fs.openSync(this.journalPath, 'a+', 0o600);
    try {
      this.size = fs.fstatSync(this.fd).size;
      if (!restored && (this.size > 0 || fs.existsSync(this.snapshotPath))) {
        throw new DataError(`${dir} holds data that was not loaded: restore the result of loadData first`);
      }
      if (this.size > 0 && !endsWithNewline(this.fd, this.size)) {
        throw new DataError(`${this.journalPath} ends in an unfinished record: load it with loadData first`);
      }
      if (!existed) fsyncDir(dir);
    } catch (e) {
      fs.closeSync(this.fd);
      throw e;
    }
    this.diskRv = restored?.resourceVersion ?? 0;
    const interval = options.syncIntervalMs ?? 1000;
    if (interval > 0) {
      this.timer = setInterval(() => this.backgroundSync(), interval);
      this.timer.unref();
    }
  }

  /** Open the journal of `dir`; `restored` is what loadData returned (undefined for a directory with no state). */
  static open(dir: string, restored?: Restored, options: JournalOptions = {}): Journal {
    return new Journal(dir, restored, options);
  }

  /**
   * Record every change of `api` from now on. The api must hold what the directory holds (restored
   * from loadData's result) or more: when it is ahead (a fresh cluster's boot objects, writes by
   * controllers at start) a snapshot of it is written at once.
   */
  attach(api: ApiServer): void {
    if (this.fd === undefined) throw new Error('Journal.attach: the journal is closed');
    if (this.api) throw new Error('Journal.attach: already attached');
    if (api.resourceVersion < this.diskRv) {
      throw new DataError(`the API server is at resourceVersion ${api.resourceVersion}, behind the data in ${this.dir} (${this.diskRv}): restore the result of loadData first`);
    }
    this.api = api;
    this.unsubscribe = api.watch('*', (ev) => this.record(ev));
    if (api.resourceVersion > this.diskRv) this.compact();
  }

  /** Write the pending records and fsync them: every change made so far is then durable. */
  sync(): void {
    if (this.fd === undefined) return;
    this.flush();
    if (this.unsynced) {
      try {
        fs.fdatasyncSync(this.fd);
      } catch (e) {
        throw new DataError(`could not fsync ${this.journalPath}: ${(e as Error).message}`);
      }
      this.unsynced = false;
    }
    if (this.api && this.size >= Math.max(this.compactBytes, this.snapshotBytes, this.retryCompactAt)) {
      try {
        this.compact();
      } catch (e) {
        // The records are durable in the journal: only the compaction waits for a later try.
        this.retryCompactAt = this.size + this.compactBytes;
        this.options.warn?.(`compaction of ${this.dir} failed, retrying later: ${(e as Error).message}`);
      }
    }
  }

  /** Sync, stop recording and close the file. */
  close(): void {
    if (this.fd === undefined) return;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    try {
      this.sync();
    } finally {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private record(ev: WatchEvent): void {
    const o = ev.object;
    const meta = o.metadata;
    const t: RecordType = ev.type === 'ADDED' ? 'A' : ev.type === 'MODIFIED' ? 'M' : 'D';
    const rec: Partial<JournalRecord> = { t, rv: Number(meta.resourceVersion) };
    if (this.options.simNow) rec.sim = this.options.simNow();
    if (t === 'D') {
      // A deletion needs only the key; the uid helps a reader of the file.
      rec.o = { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: meta.name, uid: meta.uid } };
      if (meta.namespace !== undefined) rec.o.metadata.namespace = meta.namespace;
    } else {
      rec.o = o;
    }
    // stringifyJson / parseJson: an int64 past 2^53 (a bigint) is journaled and read back with every digit.
    const line = stringifyJson(rec) + '\n';
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= FLUSH_AT_CHARS) {
      // Never throw into the API server's write: a failure is met again, and thrown, by sync().
      try {
        this.flush();
      } catch {
        /* retried by the next sync */
      }
    }
  }

  /** Append the pending records (no fsync). On failure the file is cut back to its last whole record. */
  private flush(): void {
    if (this.broken) throw new DataError(this.broken);
    if (!this.pending.length || this.fd === undefined) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    let off = 0;
    try {
      while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      const why = `could not write ${this.journalPath}: ${(e as Error).message}`;
      if (off > 0) {
        try {
          fs.ftruncateSync(this.fd, this.size);
        } catch {
          this.broken = `${why}; the partial record could not be removed: restart the server`;
        }
      }
      throw new DataError(why);
    }
    this.size += buf.length;
    this.pending = [];
    this.pendingChars = 0;
    this.unsynced = true;
  }

  private backgroundSync(): void {
    try {
      this.sync();
    } catch (e) {
      this.options.warn?.((e as Error).message);
    }
  }

  /**
   * Write a snapshot of the api's objects, then empty the journal. Crash-safe at every step: until
   * the rename the old snapshot and the full journal stand; after it, the journal's records are all
   * at or below the new snapshot's resourceVersion and are skipped on load.
   */
  private compact(): void {
    const api = this.api!;
    this.flush();
    const rv = api.resourceVersion;
    const objects: KubeObject[] = [];
    for (const kind of api.kinds()) for (const o of api.list(kind)) objects.push(o);
    const header: Record<string, unknown> = { kubespec: 'snapshot', version: SNAPSHOT_VERSION, resourceVersion: rv };
    if (this.options.simNow) header.simTimeMs = this.options.simNow();
    header.objects = objects.length;

    const tmp = this.snapshotPath + '.tmp';
    const fd = fs.openSync(tmp, 'w', 0o600);
    let bytes = 0;
    try {
      let chunk = JSON.stringify(header) + '\n';
      const write = () => {
        const buf = Buffer.from(chunk, 'utf8');
        let off = 0;
        while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
        bytes += buf.length;
        chunk = '';
      };
      for (const o of objects) {
        chunk += stringifyJson(o) + '\n';
        if (chunk.length >= SNAPSHOT_CHUNK_CHARS) write();
      }
      write();
      fs.fsyncSync(fd);
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw new DataError(`could not write ${tmp}: ${(e as Error).message}`);
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, this.snapshotPath);
    fsyncDir(this.dir);
    this.snapshotBytes = bytes;
    this.diskRv = rv;
    this.retryCompactAt = 0;
    fs.ftruncateSync(this.fd!, 0);
    fs.fsyncSync(this.fd!);
    this.size = 0;
    this.unsynced = false;
  }
}

// ---- reading -------------------------------------------------------------------------------

function ensureDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new DataError(msg(sm.cannotCreateDir, { dir, message: (e as Error).message }));
  }
  if (!fs.statSync(dir).isDirectory()) throw new DataError(msg(sm.notADirectory, { dir }));
}

function readIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError(msg(sm.cannotRead, { file, message: (e as Error).message }));
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function endsWithNewline(fd: number, size: number): boolean {
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, size - 1);
  return b[0] === 0x0a;
}

function truncateFile(file: string, size: number): void {
  try {
    const fd = fs.openSync(file, 'r+');
    try {
      fs.ftruncateSync(fd, size);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new DataError(`cannot drop the torn last record of ${file}: ${(e as Error).message}`);
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    // Some platforms cannot fsync a directory; there the rename is as durable as it gets.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function fail(file: string, line: number, why: string): never {
  throw new DataError(msg(sm.damaged, { file, line, why }));
}

/**
 * Where the journal's whole records end. The last line is torn when it has no newline (a write cut
 * off) or, ending in one, does not parse as a record; only the last line gets that benefit.
 */
function completeRecords(file: string, buf: Buffer): { end: number; torn: boolean } {
  const lastNl = buf.lastIndexOf(0x0a);
  if (lastNl !== buf.length - 1) return { end: lastNl + 1, torn: true };
  const start = lastNl > 0 ? buf.lastIndexOf(0x0a, lastNl - 1) + 1 : 0;
  try {
    parseRecord(file, 0, buf.toString('utf8', start, lastNl));
    return { end: buf.length, torn: false };
  } catch (e) {
    if (e instanceof DataError) return { end: start, torn: true };
    throw e;
  }
}

/** Calls fn for each '\n'-terminated line of buf (1-based line numbers); buf ends with '\n' or is empty. */
function forEachLine(buf: Buffer, fn: (text: string, line: number) => void): void {
  const text = buf.toString('utf8');
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    fn(text.slice(start, end), ++line);
    start = end + 1;
  }
}

function parseJsonLine(file: string, line: number, text: string): unknown {
  let v: unknown;
  try {
    v = parseJson(text);
  } catch {
    fail(file, line, 'not valid JSON');
  }
  if (depthExceeds(v, MAX_DEPTH)) fail(file, line, `nests deeper than ${MAX_DEPTH} levels`);
  return v;
}

function parseRecord(file: string, line: number, text: string): JournalRecord {
  const v = parseJsonLine(file, line, text);
  if (!isPlainObject(v)) fail(file, line, 'not a journal record (expected a JSON object)');
  if (v.t !== 'A' && v.t !== 'M' && v.t !== 'D') fail(file, line, 'the record type "t" is not A, M or D');
  if (!Number.isSafeInteger(v.rv) || (v.rv as number) < 1) fail(file, line, 'the record has no valid resourceVersion "rv"');
  if (v.sim !== undefined && !Number.isFinite(v.sim)) fail(file, line, 'the record time "sim" is not a number');
  checkObject(file, line, v.o);
  return v as unknown as JournalRecord;
}

function readSnapshot(file: string, buf: Buffer, into: Map<string, KubeObject>): { resourceVersion: number; simTimeMs?: number } {
  if (buf.length === 0 || buf[buf.length - 1] !== 0x0a) fail(file, 1, 'the snapshot is incomplete (it must end with a newline)');
  let header: Record<string, unknown> | undefined;
  let count = 0;
  forEachLine(buf, (text, line) => {
    const v = parseJsonLine(file, line, text);
    if (!header) {
      if (!isPlainObject(v) || v.kubespec !== 'snapshot') fail(file, line, 'not a kubespec snapshot header');
      if (v.version !== SNAPSHOT_VERSION) fail(file, line, `snapshot format version ${JSON.stringify(v.version)} is not supported (expected ${SNAPSHOT_VERSION})`);
      if (!Number.isSafeInteger(v.resourceVersion) || (v.resourceVersion as number) < 0) fail(file, line, 'the header has no valid resourceVersion');
      if (v.simTimeMs !== undefined && !Number.isFinite(v.simTimeMs)) fail(file, line, 'the header time "simTimeMs" is not a number');
      if (!Number.isSafeInteger(v.objects) || (v.objects as number) < 0) fail(file, line, 'the header has no valid object count');
      header = v;
      return;
    }
    if (++count > (header.objects as number)) fail(file, line, `more objects than the header's ${header.objects as number}`);
    checkObject(file, line, v, '');
    into.set(keyOf(v as KubeObject), v as KubeObject);
  });
  if (!header) fail(file, 1, 'the snapshot is empty');
  if (count !== header.objects) fail(file, count + 2, `the snapshot is incomplete: ${count} of ${header.objects as number} objects`);
  const out: { resourceVersion: number; simTimeMs?: number } = { resourceVersion: header.resourceVersion as number };
  if (header.simTimeMs !== undefined) out.simTimeMs = header.simTimeMs as number;
  return out;
}

/** An object a restore can store: a known kind, a name, a namespace exactly when the kind has one. */
function checkObject(file: string, line: number, o: unknown, where = '"o" '): void {
  if (!isPlainObject(o)) fail(file, line, `the ${where}object is missing`);
  if (typeof o.kind !== 'string') fail(file, line, `the ${where}object has no kind`);
  const info = kindInfo(o.kind);
  if (!info || info.kind !== o.kind) fail(file, line, `unknown kind ${JSON.stringify(o.kind).slice(0, 80)}`);
  if (typeof o.apiVersion !== 'string') fail(file, line, `the ${o.kind} has no apiVersion`);
  const meta = o.metadata;
  if (!isPlainObject(meta) || typeof meta.name !== 'string' || !meta.name) fail(file, line, `the ${o.kind} has no metadata.name`);
  if (info.namespaced ? typeof meta.namespace !== 'string' || !meta.namespace : meta.namespace !== undefined) {
    fail(file, line, `the ${o.kind} ${JSON.stringify(meta.name).slice(0, 80)} ${info.namespaced ? 'has no metadata.namespace' : 'is cluster-scoped but has a metadata.namespace'}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether v nests deeper than max (an explicit stack: a hostile file cannot overflow the call stack). */
function depthExceeds(v: unknown, max: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const values: unknown[] = [v];
  const depths: number[] = [1];
  while (values.length) {
    const cur = values.pop() as Record<string, unknown>;
    const d = depths.pop()!;
    if (d > max) return true;
    for (const k in cur) {
      const child = cur[k];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(d + 1);
      }
    }
  }
  return false;
}

function keyOf(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
