// kubectl annotate and expose through runKubectl: their errors and what they change (the
// differential corpus compares the rest with kubectl 1.32).
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

function setup() {
  const cluster = new Cluster({}, []);
  const io = { readFile: (p: string) => { throw new Error(`${p}: no such file`); } };
  const k = (line: string): KubectlResult => runKubectl(cluster, line, io);
  expect(k('create deployment web --image=nginx --port=80').exitCode).toBe(0);
  return { cluster, k };
}

describe('annotate', () => {
  it.each([
    ['annotate', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['annotate deployment web', 'error: at least one annotation update is required\n'],
    ['annotate deployment a=1', 'error: resource(s) were provided, but no name was specified\n'],
    ['annotate deployment web a=1 a-', 'error: can not both modify and remove the following annotation(s) in the same command: a\n'],
    ['annotate deployment web a=1 extra', 'error: all resources must be specified before annotation changes: extra\n'],
    ['annotate pods --all -l app=x a=1', 'error: cannot set --all and --selector at the same time\n'],
    ['annotate deployment nope a=1', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ])('kubectl %s', (line, stderr) => {
    expect(setup().k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('adds, refuses to overwrite without --overwrite, overwrites, removes', () => {
    const { k, cluster } = setup();
    const annotations = () => cluster.api.get('Deployment', 'web', 'default')!.metadata.annotations;
    expect(k('annotate deployment web owner=alice').stdout).toBe('deployment.apps/web annotated\n');
    expect(k('annotate deployment web owner=bob').stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (alice)\n");
    expect(k('annotate deployment web owner=alice').exitCode).toBe(0);
    expect(k('annotate deployment web owner=bob --overwrite').stdout).toBe('deployment.apps/web annotated\n');
    expect(annotations()).toEqual({ owner: 'bob' });
    expect(k('annotate deployment web owner- --dry-run=client').stdout).toBe('deployment.apps/web annotated (dry run)\n');
    expect(annotations()).toEqual({ owner: 'bob' });
    expect(k('annotate deployment web owner-').exitCode).toBe(0);
    expect(annotations()).toBeUndefined();
    expect(k('annotate deployment web a=1 --resource-version=1').stderr).toMatch(/^Error from server \(Conflict\): Operation cannot be fulfilled on deployments.apps "web"/);
  });
});

describe('expose', () => {
  it('creates a Service from the deployment: its selector, labels and container port', () => {
    const { k, cluster } = setup();
    expect(k('expose deployment web').stdout).toBe('service/web exposed\n');
    const svc = cluster.api.get('Service', 'web', 'default')!;
    expect(svc.metadata.labels).toEqual({ app: 'web' });
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(k('expose deployment web --port=80,443 --name=two --target-port=http').exitCode).toBe(0);
    expect(cluster.api.get('Service', 'two', 'default')!.spec.ports.map((p: any) => [p.name, p.targetPort])).toEqual([['port-1', 'http'], ['port-2', 'http']]);
  });

  it.each([
    ['expose deployment web --port=abc --name=x', 'error: strconv.Atoi: parsing "abc": invalid syntax\n'],
    ['expose deployment nope --port=80', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['expose deployment', 'error: resource(s) were provided, but no name was specified\n'],
  ])('kubectl %s', (line, stderr) => {
    expect(setup().k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it("says it cannot find a port when neither --port nor the object's containers give one", () => {
    const { k } = setup();
    k('create deployment bare --image=nginx');
    expect(k('expose deployment bare').stderr).toBe("error: couldn't find port via --port flag or introspection\n");
  });
});
