// kubectl run through runKubectl: its usage errors, the refusal to attach, and the Pod (and
// Service with --expose) it creates; the differential corpus compares the rest with kubectl 1.32.
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

function setup() {
  const cluster = new Cluster({}, []);
  const io = { readFile: (p: string) => { throw new Error(`${p}: no such file`); } };
  return { cluster, k: (line: string): KubectlResult => runKubectl(cluster, line, io) };
}

describe('run', () => {
  it.each([
    ['run web', 'error: required flag(s) "image" not set\n'],
    ['run --image=nginx', "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n"],
    ['run web --image=nginx --restart=Sometimes', "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n"],
    ['run web --image=nginx --rm', "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    ['run web --image=nginx --expose', "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n"],
    ['run web --image=nginx --port=abc', 'error: strconv.Atoi: parsing "abc": invalid syntax\n'],
    ['run web --image=nginx --env=bad', 'error: invalid env: bad\n'],
    ['run web --image=nginx --labels=bad', 'error: unexpected label spec: bad\n'],
    ['run web --image=nginx -it', "error: kubespec's kubectl emulation runs no containers: kubectl run cannot attach (-i, -t, --attach); run it without them and read the pod with kubectl logs\n"],
  ])('kubectl %s', (line, stderr) => {
    expect(setup().k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('creates the pod kubectl builds: run=NAME, a container named NAME, args after the name', () => {
    const { k, cluster } = setup();
    expect(k('run web --image=busybox --restart=Never --env=A=1 --port=8080 -- sleep 60').stdout).toBe('pod/web created\n');
    const pod = cluster.api.get('Pod', 'web', 'default')!;
    expect(pod.metadata.labels).toEqual({ run: 'web' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]).toMatchObject({ name: 'web', image: 'busybox', args: ['sleep', '60'], env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 8080 }] });
    expect(k('run web --image=nginx').stderr).toBe('Error from server (AlreadyExists): pods "web" already exists\n');
  });

  it('--command makes the words after -- the command; --expose creates the Service first', () => {
    const { k, cluster } = setup();
    expect(k('run app --image=nginx --command --labels=app=x --expose --port=80 -- nginx -g daemon').stdout).toBe('service/app created\npod/app created\n');
    expect(cluster.api.get('Pod', 'app', 'default')!.spec.containers[0].command).toEqual(['nginx', '-g', 'daemon']);
    const svc = cluster.api.get('Service', 'app', 'default')!;
    expect(svc.spec.selector).toEqual({ app: 'x' });
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  });
});
