// kubectl edit through runKubectl with a scripted editor (io.edit): the file it is given, the patch
// it sends, and its refusals.
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlIO, type KubectlResult } from './index';

function setup(edit?: (file: string) => string) {
  const cluster = new Cluster({}, []);
  const io: KubectlIO = { readFile: (p: string) => { throw new Error(`${p}: no such file`); }, ...(edit ? { edit } : {}) };
  const k = (line: string): KubectlResult => runKubectl(cluster, line, io);
  expect(k('create deployment web --image=nginx').exitCode).toBe(0);
  return { cluster, k };
}

describe('edit', () => {
  it("opens kubectl's header and the object's YAML, and patches what the editor changed", () => {
    let seen = '';
    const { k, cluster } = setup((file) => {
      seen = file;
      return file.replace('replicas: 1', 'replicas: 4');
    });
    expect(k('edit deployment web --output-patch')).toEqual({ stdout: 'Patch: {"spec":{"replicas":4}}\ndeployment.apps/web edited\n', stderr: '', exitCode: 0 });
    expect(seen.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(seen).toContain('\napiVersion: apps/v1\nkind: Deployment\n');
    expect(cluster.api.get('Deployment', 'web', 'default')!.spec.replicas).toBe(4);
  });

  it('reports a refused change as kubectl ends a scripted edit, and changes nothing', () => {
    const { k, cluster } = setup((file) => file.replace('replicas: 1', 'replicas: -1'));
    const r = k('edit deployment web');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: deployments.apps "web" is invalid\nerror: deployments.apps "web" is invalid\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\nerror: Edit cancelled, no valid changes were saved.\n',
    );
    expect(cluster.api.get('Deployment', 'web', 'default')!.spec.replicas).toBe(1);
  });

  it.each([
    ['edit', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
    ['edit deployment nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['edit deployment web -o name', 'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n'],
  ])('kubectl %s', (line, stderr) => {
    expect(setup((f) => f).k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('edit mistakes', () => {
  it('a YAML mistake fails validation in go-yaml words, the line counted without the comments', () => {
    const { k } = setup((file) => file.replace('replicas: 1', 'replicas: ['));
    const r = k('edit deployment web');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: deployments.apps "web" is invalid\nerror: deployments.apps "web" is invalid\n# deployments.apps "web" was not valid:\n# \* <nil>: Invalid value: "The edited file failed validation": yaml: line \d+: /);
  });

  it('a value of the wrong type is refused by the server as it decodes the patch', () => {
    const { k } = setup((file) => file.replace('replicas: 1', 'replicas: two'));
    expect(k('edit deployment web').stderr).toBe(
      'error: deployments.apps "web" could not be patched: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
  });
});
