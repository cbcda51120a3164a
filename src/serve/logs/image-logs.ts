// The container log text of well-known images: nginx's and httpd's start-up lines and access lines.
// Other images print nothing the simulation knows of.
import { familiarName, parseNormalizedNamed, type ImageReference } from '../../images';

/** The images whose log output is simulated. */
export type ImageFamily = 'nginx' | 'httpd';

/** What start-up lines depend on besides the image. */
export interface StartupContext {
  /** When the container started (ms since the epoch). */
  atMs: number;
  /** The pod's IP: httpd names it in AH00558 (it has no ServerName, so it uses the address). */
  podIP?: string;
  /** The node's kernel (nodeInfo.kernelVersion): a container sees its host's `uname -r`. */
  kernelVersion?: string;
  /** The node's CPUs: nginx's `worker_processes auto` starts one worker per CPU of the host. */
  cpus?: number;
}

/** One request as an access log records it. */
export interface AccessRecord {
  /** The client address as the container sees it (after kube-proxy's SNAT, see NodePortProxy). */
  remoteAddr: string;
  method: string;
  /** The request target as sent (`/index.html?x=1`). */
  path: string;
  /** `1.1` unless given. */
  httpVersion?: string;
  status: number;
  /** Body bytes sent (nginx $body_bytes_sent, httpd %b). */
  bytes: number;
  referer?: string;
  userAgent?: string;
  /** The X-Forwarded-For request header (nginx's `main` format ends with it). */
  forwardedFor?: string;
  /** When the request was answered (simulated ms). */
  atMs: number;
}

const DEFAULT_KERNEL = '5.15.0-105-generic';
const DEFAULT_CPUS = 2;

// ---- image recognition ---------------------------------------------------------------------------

function parse(image: string): ImageReference | undefined {
  try {
    return parseNormalizedNamed(image);
  } catch {
    return undefined;
  }
}

/**
 * The official image an image reference runs, if its output is simulated. Only the Docker Hub
 * library images: bitnami/nginx or nginx-unprivileged have other entrypoints and log formats.
 */
export function imageFamily(image: string | undefined): ImageFamily | undefined {
  const ref = image ? parse(image) : undefined;
  if (!ref) return undefined;
  const name = familiarName(ref);
  return name === 'nginx' || name === 'httpd' ? name : undefined;
}

/** `1.27-alpine` → {version: '1.27', variant: 'alpine'}; a digest-only reference has no tag. */
function splitTag(tag: string | undefined): { version: string; variant: string } {
  if (!tag) return { version: 'latest', variant: '' };
  const i = tag.indexOf('-');
  return i < 0 ? { version: tag, variant: '' } : { version: tag.slice(0, i), variant: tag.slice(i + 1) };
}

/**
 * The release a floating nginx tag pointed at when the simulation's figures were taken (the
 * mainline 1.27.3 is the default: `latest`, `mainline`, a digest, or a tag not listed). A full
 * `x.y.z` tag names its release.
 */
const NGINX_RELEASES: Record<string, string> = {
  latest: '1.27.3',
  mainline: '1.27.3',
  '1': '1.27.3',
  '1.27': '1.27.3',
  stable: '1.26.2',
  '1.26': '1.26.2',
  '1.25': '1.25.5',
  '1.24': '1.24.0',
  '1.23': '1.23.4',
  '1.22': '1.22.1',
  '1.21': '1.21.6',
};

const HTTPD_DEFAULT = '2.4.62';

export function nginxVersion(image: string): string {
  const { version } = splitTag(parse(image)?.tag);
  if (/^\d+\.\d+\.\d+$/.test(version)) return version;
  return NGINX_RELEASES[version] ?? NGINX_RELEASES.latest;
}

export function httpdVersion(image: string): string {
  const { version } = splitTag(parse(image)?.tag);
  return /^\d+\.\d+\.\d+$/.test(version) ? version : HTTPD_DEFAULT;
}

/** `Server:` as each image sends it (nginx's server_tokens on, httpd's ServerTokens Full). */
export function serverHeader(image: string): string | undefined {
  const family = imageFamily(image);
  if (family === 'nginx') return `nginx/${nginxVersion(image)}`;
  if (family === 'httpd') return `Apache/${httpdVersion(image)} (Unix)`;
  return undefined;
}

function versionAtLeast(v: string, min: [number, number, number]): boolean {
  const parts = v.split('.').map((x) => Number(x));
  for (let i = 0; i < 3; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

/** The compiler nginx -V reports: the image's base distribution (bookworm since 1.25, Alpine 3.20 for -alpine). */
function nginxCompiler(image: string, version: string): string {
  if (splitTag(parse(image)?.tag).variant.includes('alpine')) return 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309)';
  return versionAtLeast(version, [1, 25, 0]) ? 'gcc 12.2.0 (Debian 12.2.0-14)' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6)';
}

// ---- start-up lines -----------------------------------------------------------------------------

/** The lines a container of `image` writes as it starts (stdout and stderr interleaved, as `kubectl logs` shows them). */
export function startupLines(image: string, ctx: StartupContext): string[] {
  const family = imageFamily(image);
  if (family === 'nginx') return nginxStartup(image, ctx);
  if (family === 'httpd') return httpdStartup(image, ctx);
  return [];
}

function nginxStartup(image: string, ctx: StartupContext): string[] {
  const version = nginxVersion(image);
  const ep = '/docker-entrypoint.sh:';
  const lines = [
    `${ep} /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
    `${ep} Looking for shell scripts in /docker-entrypoint.d/`,
    `${ep} Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  // The local-resolvers script came with the 1.25.3 images.
  if (versionAtLeast(version, [1, 25, 3])) lines.push(`${ep} Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  lines.push(
    `${ep} Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
    `${ep} Launching /docker-entrypoint.d/30-tune-worker-processes.sh`,
    `${ep} Configuration complete; ready for start up`,
  );
  // nginx's error log (stderr): master process pid 1 (the entrypoint execs nginx).
  const notice = `${nginxErrorTime(ctx.atMs)} [notice] 1#1:`;
  lines.push(
    `${notice} using the "epoll" event method`,
    `${notice} nginx/${version}`,
    `${notice} built by ${nginxCompiler(image, version)}`,
    `${notice} OS: Linux ${ctx.kernelVersion || DEFAULT_KERNEL}`,
    // containerd's default RLIMIT_NOFILE (its systemd unit's LimitNOFILE).
    `${notice} getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${notice} start worker processes`,
  );
  // The entrypoint's scripts used the pids before the workers: on a fresh container they start at 29.
  const cpus = Math.max(1, Math.min(ctx.cpus ?? DEFAULT_CPUS, 256));
  for (let i = 0; i < cpus; i++) lines.push(`${notice} start worker process ${29 + i}`);
  return lines;
}

function httpdStartup(image: string, ctx: StartupContext): string[] {
  // httpd parses its configuration twice (pre-flight, then for real): AH00558 appears twice.
  const ah00558 = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP || '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
  const t = apacheErrorTime(ctx.atMs);
  return [
    ah00558,
    ah00558,
    `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${httpdVersion(image)} (Unix) configured -- resuming normal operations`,
    `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ];
}

// ---- access lines -------------------------------------------------------------------------------

/**
 * The access-log line for one request, or undefined for an image whose format is not simulated.
 * nginx: the image's nginx.conf `main` format (combined plus "$http_x_forwarded_for"); httpd: the
 * image's `CustomLog /proc/self/fd/1 common`.
 */
export function accessLine(image: string, r: AccessRecord): string | undefined {
  const family = imageFamily(image);
  const request = `${r.method} ${r.path} HTTP/${r.httpVersion ?? '1.1'}`;
  if (family === 'nginx') {
    const q = (v: string | undefined) => `"${v ? nginxEscape(v) : '-'}"`;
    return `${r.remoteAddr} - - [${clfTime(r.atMs)}] ${q(request)} ${r.status} ${r.bytes} ${q(r.referer)} ${q(r.userAgent)} ${q(r.forwardedFor)}`;
  }
  if (family === 'httpd') {
    // %b is '-' when no body bytes were sent.
    return `${r.remoteAddr} - - [${clfTime(r.atMs)}] "${apacheEscape(request)}" ${r.status} ${r.bytes > 0 ? r.bytes : '-'}`;
  }
  return undefined;
}

const hex2 = (c: number) => c.toString(16).toUpperCase().padStart(2, '0');

/** ngx_escape_html's log variant (NGX_ESCAPE_LOG): `"`, `\`, controls and bytes ≥ 0x7f as \xHH. */
function nginxEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += b < 0x20 || b >= 0x7f || b === 0x22 || b === 0x5c ? `\\x${hex2(b)}` : String.fromCharCode(b);
  return out;
}

/** ap_escape_logitem: `"` and `\` backslashed, \n \r \t named, other controls and high bytes as \xhh. */
function apacheEscape(s: string): string {
  const named: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0b: '\\v' };
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += named[b] ?? (b < 0x20 || b >= 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b));
  return out;
}

// ---- time formats (UTC: the images set no TZ) ----------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

function hms(d: Date): string {
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** nginx's error log: `2026/12/03 10:12:19`. */
export function nginxErrorTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${hms(d)}`;
}

/** Common Log Format's %t (nginx $time_local): `03/Dec/2026:10:12:19 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(d)} +0000`;
}

/** httpd's error log (%{u}t): `Mon Dec 03 10:12:19.123456 2026`. */
export function apacheErrorTime(ms: number): string {
  const d = new Date(ms);
  const micros = String(Math.floor((((ms % 1000) + 1000) % 1000) * 1000)).padStart(6, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${micros} ${d.getUTCFullYear()}`;
}
