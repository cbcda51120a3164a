// Tests of the log store over an embedded cluster driven in simulated time.
// Covered: start-up lines once a container runs, the API server's and kubelet's errors word for
// word, the kubelet's options, follows that see access lines and end with the pod, restarts and
// --previous, and the bounds.
import { Cluster } from '../../cluster/cluster';
import type { ClusterOptions } from '../../cluster/config';
import type { KubeObject } from '../../apiserver/types';
import { EPOCH_MS } from '../../util/clock';
import type { LogOptions } from '../api/rest';
import { HttpError, statusOf } from '../http/status';
import { LogStore, rfc3339NanoFixed } from './log-store';
import { accessLine, apacheErrorTime, clfTime, nginxErrorTime } from './image-logs';

const OPTS: LogOptions = { follow: false, previous: false, timestamps: false };
const opts = (o: Partial<LogOptions> = {}): LogOptions => ({ ...OPTS, ...o });

function pod(name: string, containers: { name: string; image: string }[], extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers, ...extra } };
}

function setup(config: ClusterOptions = {}) {
  const cluster = new Cluster(config);
  const store = new LogStore();
  store.attach(cluster);
  return { cluster, store, get: (name: string) => cluster.api.get('Pod', name)! };
}

/** The error read() throws, as the API server would answer it. */
function readError(store: LogStore, p: KubeObject, container: string, o: Partial<LogOptions> = {}): { code: number; reason?: string; message?: string } {
  try {
    store.read(p, container, opts(o), 0);
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    const { status } = statusOf(e);
    return { code: status.code, reason: status.reason, message: status.message };
  }
  throw new Error('read() did not fail');
}

const NGINX_STARTUP = (at: string, version = '1.27.3') => [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
  `${at} [notice] 1#1: using the "epoll" event method`,
  `${at} [notice] 1#1: nginx/${version}`,
  `${at} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
  `${at} [notice] 1#1: OS: Linux 5.15.0-105-generic`,
  `${at} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
  `${at} [notice] 1#1: start worker processes`,
  `${at} [notice] 1#1: start worker process 29`,
  `${at} [notice] 1#1: start worker process 30`,
];

const request = (atMs: number, path = '/', extra: Record<string, unknown> = {}) => ({ remoteAddr: '10.244.1.1', method: 'GET', path, status: 200, bytes: 615, userAgent: 'curl/8.5.0', atMs, ...extra });

describe('LogStore: start-up lines', () => {
  it('an nginx pod waits in ContainerCreating, then logs the image entrypoint and nginx notices stamped when it started', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    // Scheduled and admitted by the kubelet, the image pull not yet done (no timer has fired).
    cluster.runUntil(cluster.clock.now(), 1000);
    expect(readError(store, get('web'), '')).toEqual({ code: 400, reason: 'BadRequest', message: 'container "nginx" in pod "web" is waiting to start: ContainerCreating' });
    cluster.settle();
    const p = get('web');
    const startedAt = p.status.containerStatuses[0].state.running.startedAt;
    expect(startedAt).toBe('2024-01-01T00:00:03Z');
    expect(store.read(p, '', opts(), cluster.clock.now())).toBe(NGINX_STARTUP('2024/01/01 00:00:03').join('\n') + '\n');
    expect(store.read(p, 'nginx', opts({ timestamps: true, tailLines: 1 }), cluster.clock.now())).toBe('2024-01-01T00:00:03.000000000Z 2024/01/01 00:00:03 [notice] 1#1: start worker process 30\n');
  });

  it('an httpd pod logs AH00558 with its IP and AH00489; an image the simulation does not know logs nothing', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('apache', [{ name: 'httpd', image: 'httpd:2.4' }]));
    cluster.api.create(pod('box', [{ name: 'redis', image: 'redis:7' }]));
    cluster.settle();
    const p = get('apache');
    const ip = p.status.podIP;
    const t = 'Mon Jan 01 00:00:03.000000 2024';
    expect(store.read(p, '', opts(), cluster.clock.now()).split('\n')).toEqual([
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
      `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
      `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      '',
    ]);
    store.recordRequest(p, 'httpd', request(cluster.clock.now(), '/', { bytes: 45 }));
    store.recordRequest(p, 'httpd', request(cluster.clock.now(), '/x', { status: 404, bytes: 0, method: 'HEAD' }));
    expect(store.read(p, '', opts({ tailLines: 2 }), cluster.clock.now())).toBe('10.244.1.1 - - [01/Jan/2024:00:00:03 +0000] "GET / HTTP/1.1" 200 45\n10.244.1.1 - - [01/Jan/2024:00:00:03 +0000] "HEAD /x HTTP/1.1" 404 -\n');
    expect(store.read(get('box'), '', opts(), cluster.clock.now())).toBe('');
  });

  it('picks up what already runs when it attaches (a restored cluster), with the node’s kernel and CPUs', () => {
    const cluster = new Cluster();
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx:1.25.3-alpine' }]));
    cluster.settle();
    const store = new LogStore();
    store.attach(cluster);
    const lines = store.read(cluster.api.get('Pod', 'web')!, 'nginx', opts(), cluster.clock.now()).split('\n');
    expect(lines).toContain('2024/01/01 00:00:03 [notice] 1#1: nginx/1.25.3');
    expect(lines).toContain('2024/01/01 00:00:03 [notice] 1#1: built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309)');
    expect(lines).toContain('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
  });

  it('nginx before 1.25.3 has no local-resolvers script and an older compiler', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('old', [{ name: 'nginx', image: 'nginx:1.23' }]));
    cluster.settle();
    const text = store.read(get('old'), '', opts(), cluster.clock.now());
    expect(text).not.toContain('15-local-resolvers');
    expect(text).toContain('[notice] 1#1: nginx/1.23.4\n');
    expect(text).toContain('built by gcc 10.2.1 20210110 (Debian 10.2.1-6)\n');
  });
});

describe('LogStore: errors as the API server and the kubelet word them', () => {
  it('container resolution (pkg/registry/core/pod/strategy.go validateContainer)', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('two', [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'httpd:2.4' }], { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }] }));
    cluster.settle();
    const p = get('two');
    expect(readError(store, p, '')).toEqual({ code: 400, reason: 'BadRequest', message: 'a container name must be specified for pod two, choose one of: [init a b]' });
    expect(readError(store, p, 'zzz')).toEqual({ code: 400, reason: 'BadRequest', message: 'container zzz is not valid for pod two' });
    expect(readError(store, p, 'a', { previous: true }).message).toBe('previous terminated container "a" in pod "two" not found');
    // An init container is a valid name: it ran (busybox prints nothing the simulation knows) and terminated.
    expect(store.read(p, 'init', opts(), 0)).toBe('');
    expect(store.read(p, 'b', opts(), 0)).toContain('AH00489');
  });

  it('image pull failures (kubelet_pods.go validateContainerLogStatus)', () => {
    const { cluster, store, get } = setup({ images: { unavailable: ['nginx:9.9'] } });
    cluster.api.create(pod('bad', [{ name: 'web', image: 'nginx:9.9' }]));
    cluster.settle();
    expect(get('bad').status.containerStatuses[0].state.waiting.reason).toBe('ImagePullBackOff');
    expect(readError(store, get('bad'), '').message).toBe('container "web" in pod "bad" is waiting to start: trying and failing to pull image');
    // Back at the retry: the pull fails again and the container shows ErrImagePull for a moment.
    const retry = cluster.nextTimerAt()!;
    cluster.runUntil(retry, 1000);
    expect(get('bad').status.containerStatuses[0].state.waiting.reason).toBe('ErrImagePull');
    expect(readError(store, get('bad'), '').message).toBe('container "web" in pod "bad" is waiting to start: image can\'t be pulled');
  });

  it('other waiting reasons, a status not posted yet, and a pod on no node (an empty log)', () => {
    const { cluster, store } = setup();
    const invalid = cluster.api.create(pod('inv', [{ name: 'c', image: 'Nginx' }]));
    expect(readError(store, { ...invalid, spec: { ...invalid.spec, nodeName: 'worker0' } }, 'c').message).toBe('container "c" in pod "inv" is waiting to start: ContainerCreating');
    cluster.settle();
    expect(readError(store, cluster.api.get('Pod', 'inv')!, 'c').message).toBe('container "c" in pod "inv" is waiting to start: InvalidImageName');
    cluster.api.create(pod('nowhere', [{ name: 'c', image: 'nginx' }], { nodeSelector: { disk: 'none' } }));
    cluster.settle();
    const p = cluster.api.get('Pod', 'nowhere')!;
    expect(p.spec.nodeName).toBeUndefined();
    expect(store.read(p, 'c', opts(), 0)).toBe('');
  });
});

describe('LogStore: options (the kubelet’s ReadLogs)', () => {
  function withAccessLines() {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    const p = get('web');
    const t0 = cluster.clock.now();
    for (let i = 1; i <= 5; i++) store.recordRequest(p, 'nginx', request(t0 + i * 10_000, `/p${i}`, { status: 404, bytes: 153 }));
    return { store, p, t0 };
  }

  it('access lines in the image’s `main` format', () => {
    const { store, p, t0 } = withAccessLines();
    expect(store.read(p, 'nginx', opts({ tailLines: 1 }), t0)).toBe('10.244.1.1 - - [01/Jan/2024:00:00:53 +0000] "GET /p5 HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"\n');
  });

  it('tailLines, sinceSeconds (then tail first), limitBytes, timestamps', () => {
    const { store, p, t0 } = withAccessLines();
    const now = t0 + 60_000;
    expect(store.read(p, 'nginx', opts({ tailLines: 2 }), now).split('\n').map((l) => l.split('"')[1])).toEqual(['GET /p4 HTTP/1.1', 'GET /p5 HTTP/1.1', undefined]);
    expect(store.read(p, 'nginx', opts({ tailLines: 0 }), now)).toBe('');
    // Lines at or after now − 30 s: /p3 (t0+30 s) is exactly on the bound and included.
    expect(store.read(p, 'nginx', opts({ sinceSeconds: 30 }), now).match(/\/p\d/g)).toEqual(['/p3', '/p4', '/p5']);
    // tailLines picks the last lines of the file first; sinceSeconds then filters those.
    expect(store.read(p, 'nginx', opts({ sinceSeconds: 30, tailLines: 4 }), now).match(/\/p\d/g)).toEqual(['/p3', '/p4', '/p5']);
    expect(store.read(p, 'nginx', opts({ sinceSeconds: 15, tailLines: 2 }), now).match(/\/p\d/g)).toEqual(['/p5']);
    const full = store.read(p, 'nginx', opts(), now);
    expect(store.read(p, 'nginx', opts({ limitBytes: 25 }), now)).toBe(full.slice(0, 25));
    expect(store.read(p, 'nginx', opts({ limitBytes: 1_000_000 }), now)).toBe(full);
    const stamped = store.read(p, 'nginx', opts({ timestamps: true, tailLines: 2 }), now).split('\n');
    expect(stamped[0]).toBe(`${rfc3339NanoFixed(t0 + 40_000)} 10.244.1.1 - - [01/Jan/2024:00:00:43 +0000] "GET /p4 HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"`);
    expect(stamped[0].slice(0, 31)).toBe('2024-01-01T00:00:43.000000000Z ');
  });

  it('escapes quotes and bytes outside ASCII in logged values, as nginx does', () => {
    expect(accessLine('nginx', { ...request(EPOCH_MS), path: '/a"b', userAgent: 'é' })).toBe('10.244.1.1 - - [01/Jan/2024:00:00:00 +0000] "GET /a\\x22b HTTP/1.1" 200 615 "-" "\\xC3\\xA9" "-"');
    expect(accessLine('busybox', request(EPOCH_MS))).toBeUndefined();
  });

  it('formats times as the images do (UTC)', () => {
    const t = Date.UTC(2026, 11, 3, 10, 12, 19, 123);
    expect(nginxErrorTime(t)).toBe('2026/12/03 10:12:19');
    expect(clfTime(t)).toBe('03/Dec/2026:10:12:19 +0000');
    expect(apacheErrorTime(t)).toBe('Thu Dec 03 10:12:19.123000 2026');
    expect(rfc3339NanoFixed(t)).toBe('2026-12-03T10:12:19.123000000Z');
  });
});

describe('LogStore: follow', () => {
  it('receives each new line as it is appended and ends when the pod is gone', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    const p = get('web');
    const o = opts({ follow: true, timestamps: true });
    const first = store.read(p, 'nginx', o, cluster.clock.now());
    expect(first.split('\n')).toHaveLength(NGINX_STARTUP('').length + 1);
    const got: string[] = [];
    let ended = 0;
    store.follow(p, 'nginx', o, (t) => got.push(t), () => ended++);
    store.recordRequest(p, 'nginx', request(cluster.clock.now() + 1500));
    expect(got).toEqual([`2024-01-01T00:00:04.500000000Z 10.244.1.1 - - [01/Jan/2024:00:00:04 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"\n`]);
    expect(ended).toBe(0);
    cluster.api.delete('Pod', 'web');
    cluster.settle();
    expect(cluster.api.get('Pod', 'web')).toBeUndefined();
    expect(ended).toBe(1);
    expect(store.totalBytes).toBe(0);
  });

  it('stop() ends the delivery; limitBytes spans the read and the follow', () => {
    const { cluster, store, get } = setup();
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    const p = get('web');
    const got: string[] = [];
    const stop = store.follow(p, 'nginx', opts({ follow: true }), (t) => got.push(t), () => undefined);
    store.recordRequest(p, 'nginx', request(cluster.clock.now()));
    stop();
    store.recordRequest(p, 'nginx', request(cluster.clock.now()));
    expect(got).toHaveLength(1);

    const startup = store.read(p, 'nginx', opts({ tailLines: 0 }), 0);
    expect(startup).toBe('');
    const limited = opts({ follow: true, tailLines: 1, limitBytes: 120 });
    const line = store.read(p, 'nginx', limited, cluster.clock.now());
    expect(Buffer.byteLength(line)).toBe(90);
    const more: string[] = [];
    let ended = 0;
    store.follow(p, 'nginx', limited, (t) => more.push(t), () => ended++);
    store.recordRequest(p, 'nginx', request(cluster.clock.now()));
    expect(more).toEqual([line.slice(0, 120 - 90)]);
    expect(ended).toBe(1);
  });
});

describe('LogStore: restarts and --previous', () => {
  /** A cluster without controllers: the test writes the pod statuses the kubelet would. */
  function bare() {
    const cluster = new Cluster({}, []);
    const store = new LogStore();
    store.attach(cluster);
    const created = cluster.api.create({ ...pod('web', [{ name: 'nginx', image: 'nginx' }]), spec: { nodeName: 'worker0', containers: [{ name: 'nginx', image: 'nginx' }] } });
    const setStatus = (cs: Record<string, unknown>) => {
      const cur = cluster.api.get('Pod', 'web')!;
      return cluster.api.updateStatus({ ...cur, status: { phase: 'Running', podIP: '10.244.1.9', containerStatuses: [{ name: 'nginx', image: 'docker.io/library/nginx:latest', ...cs }] } });
    };
    return { cluster, store, created, setStatus };
  }

  it('a restart starts a new instance with its own start-up lines; the old one is the previous log and its follows end', () => {
    const { store, setStatus } = bare();
    const p0 = setStatus({ restartCount: 0, containerID: 'containerd://aaa', state: { running: { startedAt: '2024-01-01T00:00:03Z' } }, lastState: {} });
    store.recordRequest(p0, 'nginx', request(EPOCH_MS + 5000, '/before-restart'));
    let ended = 0;
    store.follow(p0, 'nginx', opts({ follow: true }), () => undefined, () => ended++);
    const p1 = setStatus({
      restartCount: 1,
      containerID: 'containerd://bbb',
      state: { running: { startedAt: '2024-01-01T00:01:00Z' } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', containerID: 'containerd://aaa', startedAt: '2024-01-01T00:00:03Z', finishedAt: '2024-01-01T00:00:59Z' } },
    });
    expect(ended).toBe(1);
    const current = store.read(p1, 'nginx', opts(), 0);
    expect(current).toBe(NGINX_STARTUP('2024/01/01 00:01:00').join('\n') + '\n');
    const previous = store.read(p1, 'nginx', opts({ previous: true }), 0);
    expect(previous).toContain('2024/01/01 00:00:03 [notice] 1#1: start worker processes\n');
    expect(previous).toContain('"GET /before-restart HTTP/1.1"');
    // The run before the previous one is gone, as the kubelet keeps only the last terminated container.
    const p2 = setStatus({
      restartCount: 2,
      containerID: 'containerd://ccc',
      state: { running: { startedAt: '2024-01-01T00:02:00Z' } },
      lastState: { terminated: { exitCode: 0, reason: 'Completed', containerID: 'containerd://bbb', startedAt: '2024-01-01T00:01:00Z', finishedAt: '2024-01-01T00:01:59Z' } },
    });
    expect(store.read(p2, 'nginx', opts({ previous: true }), 0)).toContain('2024/01/01 00:01:00 [notice]');
    expect(store.totalBytes).toBe(Buffer.byteLength(store.read(p2, 'nginx', opts(), 0)) + Buffer.byteLength(store.read(p2, 'nginx', opts({ previous: true }), 0)));
  });

  it('a terminated container is read as it was, and "is terminated" when it never ran', () => {
    const { store, setStatus } = bare();
    const done = setStatus({ restartCount: 0, containerID: 'containerd://aaa', state: { terminated: { exitCode: 0, reason: 'Completed', containerID: 'containerd://aaa', startedAt: '2024-01-01T00:00:03Z', finishedAt: '2024-01-01T00:00:09Z' } }, lastState: {} });
    expect(store.read(done, 'nginx', opts(), 0)).toContain('Configuration complete');
    let ended = 0;
    store.follow(done, 'nginx', opts({ follow: true }), () => undefined, () => ended++);
    expect(ended).toBe(1);
    const never = setStatus({ restartCount: 0, state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', finishedAt: '2024-01-01T00:00:09Z' } }, lastState: {} });
    const { message } = readError(store, never, 'nginx');
    expect(message).toBe('container "nginx" in pod "web" is terminated');
  });
});

describe('LogStore: bounds', () => {
  it('keeps the newest lines per container, by count and by bytes', () => {
    const cluster = new Cluster();
    const store = new LogStore({ maxLinesPerContainer: 5, maxBytesPerContainer: 1000 });
    store.attach(cluster);
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    const p = cluster.api.get('Pod', 'web')!;
    for (let i = 0; i < 50; i++) store.recordRequest(p, 'nginx', request(cluster.clock.now(), `/n${i}`));
    expect(store.read(p, 'nginx', opts(), 0).match(/\/n\d+/g)).toEqual(['/n45', '/n46', '/n47', '/n48', '/n49']);
    for (let i = 0; i < 3; i++) store.recordRequest(p, 'nginx', request(cluster.clock.now(), `/${'x'.repeat(400)}${i}`));
    const text = store.read(p, 'nginx', opts(), 0);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1000);
    expect(text.split('\n')).toHaveLength(3);
    expect(store.totalBytes).toBe(Buffer.byteLength(text));
  });

  it('bounds the total: the largest logs lose their oldest lines first', () => {
    const cluster = new Cluster();
    const store = new LogStore({ maxTotalBytes: 20_000 });
    store.attach(cluster);
    cluster.api.create(pod('a', [{ name: 'nginx', image: 'nginx' }]));
    cluster.api.create(pod('b', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    const a = cluster.api.get('Pod', 'a')!;
    const b = cluster.api.get('Pod', 'b')!;
    for (let i = 0; i < 1000; i++) store.recordRequest(a, 'nginx', request(cluster.clock.now(), `/a${i}`));
    store.recordRequest(b, 'nginx', request(cluster.clock.now(), '/b'));
    expect(store.totalBytes).toBeLessThanOrEqual(20_000);
    expect(store.read(a, 'nginx', opts({ tailLines: 1 }), 0)).toContain('/a999 ');
    // b is small: untouched, start-up lines and all.
    expect(store.read(b, 'nginx', opts(), 0)).toContain('Configuration complete');
    expect(store.read(b, 'nginx', opts(), 0)).toContain('/b ');
  });

  it('drops the logs of deleted pods; detach stops watching, close ends follows', () => {
    const cluster = new Cluster();
    const store = new LogStore();
    store.attach(cluster);
    cluster.api.create(pod('web', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    expect(store.totalBytes).toBeGreaterThan(0);
    let ended = 0;
    store.follow(cluster.api.get('Pod', 'web')!, 'nginx', opts({ follow: true }), () => undefined, () => ended++);
    store.close();
    expect(ended).toBe(1);
    cluster.api.delete('Pod', 'web', { gracePeriodSeconds: 0 });
    // Detached: the deletion went unseen.
    expect(store.totalBytes).toBeGreaterThan(0);
    store.attach(cluster);
    expect(store.totalBytes).toBe(0);
    cluster.api.create(pod('web2', [{ name: 'nginx', image: 'nginx' }]));
    cluster.settle();
    expect(store.totalBytes).toBeGreaterThan(0);
    cluster.api.delete('Pod', 'web2', { gracePeriodSeconds: 0 });
    expect(store.totalBytes).toBe(0);
  });
});
