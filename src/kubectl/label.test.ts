// kubectl label on the command line (label.ts): what it prints, its refusals, -o.
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

function setup() {
  const cluster = new Cluster({}, []);
  const io = { readFile: (p: string) => { throw new Error(`${p}: no such file`); } };
  const k = (line: string): KubectlResult => runKubectl(cluster, line, io);
  expect(k('create deployment web --image=nginx').exitCode).toBe(0);
  return { cluster, k };
}

describe('label', () => {
  it('labels, refuses to overwrite, overwrites, unlabels', () => {
    const { k, cluster } = setup();
    expect(k('label deployment web tier=fe').stdout).toBe('deployment.apps/web labeled\n');
    expect(k('label deployment web tier=fe').stdout).toBe('deployment.apps/web not labeled\n');
    expect(k('label deployment web tier=be').stderr).toBe("error: 'tier' already has a value (fe), and --overwrite is false\n");
    expect(k('label deployment web tier=be --overwrite').stdout).toBe('deployment.apps/web labeled\n');
    expect(k('label deployment web tier-').stdout).toBe('deployment.apps/web unlabeled\n');
    expect(k('label deployment web tier-').stdout).toBe('label "tier" not found.\ndeployment.apps/web not labeled\n');
    expect(k('label deployment web a=1 -o name').stdout).toBe('deployment.apps/web\n');
    expect(cluster.api.get('Deployment', 'web', 'default')!.metadata.labels).toEqual({ app: 'web', a: '1' });
  });

  it.each([
    ['label', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['label deployment web', 'error: at least one label update is required\n'],
    ['label deployment web c=1 c-', 'error: can not both modify and remove a label in the same command\n'],
    ['label pods --all -l app=x a=1', 'error: cannot set --all and --selector at the same time\n'],
    ['label deployment web a=1 a=2 --overwrite=false', ''],
  ])('kubectl %s', (line, stderr) => {
    const r = setup().k(line);
    if (stderr) expect(r).toEqual({ stdout: '', stderr, exitCode: 1 });
    else expect(r.exitCode).toBe(0);
  });
});
