// What the simulation understands of a container's command line (programs.ts). Messages are
// busybox's (coreutils/cat.c "can't open", via bb_simple_perror_msg) or GNU coreutils'.
import { containerOutcome, runArgv, type Outcome } from './programs';

const brief = (o: Outcome) => (o.exit ? `exit ${o.exit.code} after ${o.exit.afterMs / 1000}s` : o.understood ? 'runs until stopped' : 'not understood: runs on');

describe('containerOutcome', () => {
  it.each([
    // image defaults
    [{ image: 'nginx' }, 'runs until stopped'],
    [{ image: 'postgres:16' }, 'runs until stopped'],
    [{ image: 'registry.k8s.io/pause:3.10' }, 'runs until stopped'],
    [{ image: 'registry.k8s.io/e2e-test-images/agnhost:2.52', args: ['netexec', '--http-port=8080'] }, 'runs until stopped'],
    [{ image: 'myorg/app:1.0' }, 'runs until stopped'],
    [{ image: 'busybox' }, 'exit 0 after 0s'],
    [{ image: 'ubuntu:24.04' }, 'exit 0 after 0s'],
    [{ image: 'python:3.12' }, 'exit 0 after 0s'],
    [{ image: 'curlimages/curl', args: ['-s', 'http://web'] }, 'exit 0 after 0s'],
    [{ image: 'busybox', stdin: true }, 'runs until stopped'],
    // commands
    [{ image: 'busybox', command: ['sh', '-c', 'echo hello; exit 3'] }, 'exit 3 after 0s'],
    [{ image: 'busybox', command: ['/bin/sh', '-c', 'sleep 5 && exit 1'] }, 'exit 1 after 5s'],
    [{ image: 'busybox', command: ['sleep'], args: ['3600'] }, 'exit 0 after 3600s'],
    [{ image: 'busybox', args: ['sleep', '1m30s'] }, 'not understood: runs on'],
    [{ image: 'busybox', args: ['sleep', '1.5'] }, 'exit 0 after 1.5s'],
    [{ image: 'busybox', command: ['sleep', 'infinity'] }, 'runs until stopped'],
    [{ image: 'busybox', command: ['true'] }, 'exit 0 after 0s'],
    [{ image: 'busybox', command: ['false'] }, 'exit 1 after 0s'],
    [{ image: 'busybox', command: ['sh', '-c', 'false || true'] }, 'exit 0 after 0s'],
    [{ image: 'busybox', command: ['sh', '-c', 'false; echo after'] }, 'exit 0 after 0s'],
    [{ image: 'busybox', command: ['sh', '-ec', 'false; echo after'] }, 'exit 1 after 0s'],
    [{ image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 10; done'] }, 'runs until stopped'],
    [{ image: 'busybox', command: ['sh', '-c', 'while :; do sleep 1; done'] }, 'runs until stopped'],
    [{ image: 'alpine', command: ['tail', '-f', '/dev/null'] }, 'runs until stopped'],
    [{ image: 'busybox', command: ['cat', '/etc/app/config'] }, 'exit 1 after 0s'],
    [{ image: 'busybox', command: ['cat', '/etc/app/config'], volumeMounts: [{ mountPath: '/etc/app' }] }, 'exit 0 after 0s'],
    [{ image: 'busybox', command: ['sh', '-c', 'exec sleep 2'] }, 'exit 0 after 2s'],
    [{ image: 'nginx', command: ['sh', '-c', "echo hi > /usr/share/nginx/html/index.html && nginx -g 'daemon off;'"] }, 'not understood: runs on'],
    [{ image: 'nginx', args: ['sh', '-c', 'exit 2'] }, 'exit 2 after 0s'],
    [{ image: 'redis', args: ['--appendonly', 'yes'] }, 'runs until stopped'],
    [{ image: 'busybox', command: ['sh', '-c', 'if true; then exit 1; fi'] }, 'not understood: runs on'],
    [{ image: 'busybox', command: ['sh', '-c', 'exit $CODE'] }, 'not understood: runs on'],
  ])('%j: %s', (container, expected) => {
    expect(brief(containerOutcome(container))).toBe(expected);
  });

  it('follows the files a script creates and removes (the exec liveness example of the Kubernetes docs)', () => {
    const o = containerOutcome({ image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] });
    expect(o.exit).toEqual({ afterMs: 630_000, code: 0 });
    expect(o.files).toEqual([
      { atMs: 0, path: '/tmp/healthy', exists: true },
      { atMs: 30_000, path: '/tmp/healthy', exists: false },
    ]);
  });
});

describe('runArgv: output, as an exec probe reports it', () => {
  it('prints busybox or GNU messages for a missing file', () => {
    expect(runArgv(['cat', '/tmp/healthy'], { flavour: 'busybox', stdin: false, mounts: [] })).toMatchObject({ exit: { code: 1 }, output: "cat: can't open '/tmp/healthy': No such file or directory\n" });
    expect(runArgv(['cat', '/tmp/healthy'], { flavour: 'gnu', stdin: false, mounts: [] })).toMatchObject({ exit: { code: 1 }, output: 'cat: /tmp/healthy: No such file or directory\n' });
    expect(runArgv(['ls', '/nope'], { flavour: 'gnu', stdin: false, mounts: [] })).toMatchObject({ exit: { code: 2 }, output: "ls: cannot access '/nope': No such file or directory\n" });
  });

  it('sees the files that exist when it runs', () => {
    const exists = (p: string) => p === '/tmp/ready';
    expect(runArgv(['cat', '/tmp/ready'], { flavour: 'busybox', stdin: false, mounts: [], exists }).exit?.code).toBe(0);
    expect(runArgv(['sh', '-c', 'test -f /tmp/ready'], { flavour: 'busybox', stdin: false, mounts: [], exists }).exit?.code).toBe(0);
    expect(runArgv(['sh', '-c', '[ -e /tmp/other ]'], { flavour: 'busybox', stdin: false, mounts: [], exists }).exit?.code).toBe(1);
    expect(runArgv(['echo', 'hello', 'world'], { flavour: 'busybox', stdin: false, mounts: [] }).output).toBe('hello world\n');
  });
});
