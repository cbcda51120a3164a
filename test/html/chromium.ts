// A small headless-Chromium driver for the HTML report's tests and screenshots: Debian's `chromium`
// spoken to over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages ending in
// NUL on fds 3 and 4), so no driver library and no WebSocket are needed. It opens a page, collects
// console messages, exceptions, log entries and network requests, evaluates expressions and takes
// screenshots of elements.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';

/** The chromium binary: $CHROMIUM, else `chromium` (Debian) or `chromium-browser` on the PATH. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

export const NO_CHROMIUM =
  'headless Chromium is needed for this test and was not found: install Debian\'s package (apt-get install -y chromium; .ci/run does it when missing) or set CHROMIUM=/path/to/chromium';

interface Pending {
  resolve(v: Record<string, unknown>): void;
  reject(e: Error): void;
}

export interface PageProblem {
  kind: 'console' | 'exception' | 'log';
  level: string;
  text: string;
}

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: ((method: string, params: Record<string, unknown>, sessionId?: string) => void)[] = [];
  private buffer = '';
  private readonly input: Writable;
  private closed = false;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    this.input = proc.stdio[3] as Writable;
    const output = proc.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        if (message.id !== undefined) {
          const p = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) p?.reject(new Error(message.error.message));
          else p?.resolve(message.result ?? {});
        } else if (message.method) for (const l of this.listeners) l(message.method, message.params ?? {}, message.sessionId);
      }
    });
    proc.on('exit', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(executable = findChromium()): Promise<Browser> {
    if (!executable) throw new Error(NO_CHROMIUM);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-chromium-'));
    const args = ['--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--disable-gpu', '--hide-scrollbars', '--mute-audio', '--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
    // Root (CI containers) cannot use Chromium's sandbox.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const proc = spawn(executable, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
    const browser = new Browser(proc, profile);
    await new Promise<void>((resolve, reject) => {
      proc.once('error', reject);
      proc.once('spawn', () => resolve());
    });
    try {
      await browser.send('Browser.getVersion', {}, undefined, 20_000);
    } catch (e) {
      await browser.close();
      throw new Error(`chromium (${executable}) did not answer on the DevTools pipe: ${(e as Error).message}\n${stderr}`);
    }
    return browser;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new Error('chromium is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(listener: (method: string, params: Record<string, unknown>, sessionId?: string) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  async newPage(opts: { width?: number; height?: number; dark?: boolean; javascript?: boolean } = {}): Promise<Page> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const page = new Page(this, sessionId);
    await page.init(opts);
    return page;
  }

  /** Stop chromium (waiting for it to exit) and remove its profile. */
  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
      // Browser.close lets chromium stop its helper processes; SIGKILL only if it does not.
      await this.send('Browser.close', {}, undefined, 5000).catch(() => undefined);
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    this.closed = true;
    try {
      fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // A helper process still writing its profile: the temporary folder stays behind.
    }
  }
}

export class Page {
  readonly problems: PageProblem[] = [];
  /** Every URL the page asked for (the report itself included). */
  readonly requests: string[] = [];
  private loaded?: () => void;

  constructor(
    private readonly browser: Browser,
    private readonly session: string,
  ) {
    browser.on((method, params, sessionId) => {
      if (sessionId !== this.session) return;
      if (method === 'Runtime.consoleAPICalled') {
        const args = (params.args as { value?: unknown; description?: string }[]).map((a) => String(a.value ?? a.description ?? ''));
        this.problems.push({ kind: 'console', level: String(params.type), text: args.join(' ') });
      } else if (method === 'Runtime.exceptionThrown') {
        const d = params.exceptionDetails as { text: string; exception?: { description?: string } };
        this.problems.push({ kind: 'exception', level: 'error', text: d.exception?.description ?? d.text });
      } else if (method === 'Log.entryAdded') {
        const e = params.entry as { level: string; text: string; url?: string };
        this.problems.push({ kind: 'log', level: e.level, text: `${e.text}${e.url ? ` (${e.url})` : ''}` });
      } else if (method === 'Network.requestWillBeSent') {
        this.requests.push(String((params.request as { url: string }).url));
      } else if (method === 'Page.loadEventFired') this.loaded?.();
    });
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.browser.send(method, params, this.session);
  }

  async init(opts: { width?: number; height?: number; dark?: boolean; javascript?: boolean }): Promise<void> {
    await Promise.all([this.send('Runtime.enable'), this.send('Log.enable'), this.send('Page.enable'), this.send('Network.enable')]);
    await this.send('Emulation.setDeviceMetricsOverride', { width: opts.width ?? 1000, height: opts.height ?? 800, deviceScaleFactor: 1, mobile: false });
    await this.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: opts.dark ? 'dark' : 'light' }] });
    if (opts.javascript === false) await this.send('Emulation.setScriptExecutionDisabled', { value: true });
  }

  /** Open a file and wait for its load event; resolves to the milliseconds it took. */
  async open(file: string): Promise<number> {
    const started = Date.now();
    const loaded = new Promise<void>((resolve) => (this.loaded = resolve));
    const r = (await this.send('Page.navigate', { url: `file://${path.resolve(file)}` })) as { errorText?: string };
    if (r.errorText) throw new Error(`chromium could not open ${file}: ${r.errorText}`);
    await loaded;
    return Date.now() - started;
  }

  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
    return r.result.value;
  }

  /** A PNG of the element `selector` selects (the whole page when it selects nothing). */
  async screenshot(selector: string, file: string, pad = 8): Promise<void> {
    const rect = await this.evaluate<{ x: number; y: number; width: number; height: number } | null>(
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; })()`,
    );
    if (!rect) throw new Error(`no element matches ${selector}`);
    const clip = { x: Math.max(0, rect.x - pad), y: Math.max(0, rect.y - pad), width: rect.width + 2 * pad, height: rect.height + 2 * pad, scale: 1 };
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true })) as { data: string };
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
  }

  async pdf(): Promise<Buffer> {
    const { data } = (await this.send('Page.printToPDF', { printBackground: true })) as { data: string };
    return Buffer.from(data, 'base64');
  }
}
