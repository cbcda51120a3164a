// kubectl replace through runKubectl: a PUT of each manifest object, NotFound with the file named,
// and --force deleting then creating again.
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

const CM = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "${value}"\n`;

function setup() {
  const cluster = new Cluster({}, []);
  const files: Record<string, string> = { 'one.yaml': CM('1'), 'two.yaml': CM('2') };
  const io = {
    readFile(p: string) {
      if (!(p in files)) throw new Error(`${p}: no such file`);
      return { text: files[p], display: p };
    },
  };
  return { cluster, k: (line: string): KubectlResult => runKubectl(cluster, line, io) };
}

describe('replace', () => {
  it('replaces an existing object and names the file when there is none', () => {
    const { k, cluster } = setup();
    expect(k('replace -f one.yaml')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): error when replacing "one.yaml": configmaps "cfg" not found\n', exitCode: 1, failedSources: ['one.yaml'] });
    expect(k('create -f one.yaml').exitCode).toBe(0);
    const uid = cluster.api.get('ConfigMap', 'cfg', 'default')!.metadata.uid;
    expect(k('replace -f two.yaml').stdout).toBe('configmap/cfg replaced\n');
    expect(cluster.api.get('ConfigMap', 'cfg', 'default')!.data).toEqual({ a: '2' });
    expect(k('replace --force -f one.yaml').stdout).toBe('configmap "cfg" deleted\nconfigmap/cfg replaced\n');
    const again = cluster.api.get('ConfigMap', 'cfg', 'default')!;
    expect(again.data).toEqual({ a: '1' });
    expect(again.metadata.uid).not.toBe(uid);
  });

  it.each([
    ['replace', 'error: must specify one of -f and -k\n'],
    ['replace configmap cfg', 'error: must specify one of -f and -k\n'],
    ['replace -f nope.yaml', 'error: the path "nope.yaml" does not exist\n'],
  ])('kubectl %s', (line, stderr) => {
    expect(setup().k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
