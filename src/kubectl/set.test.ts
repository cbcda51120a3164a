// kubectl set env|resources|selector|serviceaccount through runKubectl: what each changes, its
// errors, and that an unchanged object prints nothing (env, resources).
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlResult } from './index';

function setup() {
  const cluster = new Cluster({}, []);
  const io = { readFile: (p: string) => { throw new Error(`${p}: no such file`); } };
  const k = (line: string): KubectlResult => runKubectl(cluster, line, io);
  expect(k('create deployment web --image=nginx').exitCode).toBe(0);
  const container = () => cluster.api.get('Deployment', 'web', 'default')!.spec.template.spec.containers[0];
  return { cluster, k, container };
}

describe('set env', () => {
  it('adds, replaces in place, removes; prints nothing when nothing changes', () => {
    const { k, container } = setup();
    expect(k('set env deployment/web A=1 B=two').stdout).toBe('deployment.apps/web env updated\n');
    expect(k('set env deployment/web A=1')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(k('set env deployment web A=2 C=3 B-').exitCode).toBe(0);
    expect(container().env).toEqual([{ name: 'A', value: '2' }, { name: 'C', value: '3' }]);
    expect(k('set env deployment/web --list').stdout).toBe('# Deployment web, container nginx\nA=2\nC=3\n');
  });

  it.each([
    ['set env deployment/web X=1 -c nope', '', 'Warning: Deployment/web does not have any containers matching "nope"\n', 0],
    ['set env deployment/web 1BAD=x', '', `error: "1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`, 1],
    ['set env deployment nope D=4', '', 'Error from server (NotFound): deployments.apps "nope" not found\n', 1],
    ['set env deployment/web A=1 extra', '', 'error: all resources must be specified before environment changes: extra\n', 1],
  ])('kubectl %s', (line, stdout, stderr, exitCode) => {
    expect(setup().k(line)).toEqual({ stdout, stderr, exitCode });
  });
});

describe('set resources', () => {
  it('merges limits and requests into every container; an unchanged object prints nothing', () => {
    const { k, container } = setup();
    expect(k('set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=0.1').stdout).toBe('deployment.apps/web resource requirements updated\n');
    expect(container().resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect(k('set resources deployment web --limits=cpu=200m').stdout).toBe('');
  });

  it.each([
    ['set resources deployment web', 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'],
    ['set resources deployment web --limits=cpu=abc', "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
    ['set resources deployment web -c nope --limits=cpu=1', 'error: unable to find container named nope\n'],
  ])('kubectl %s', (line, stderr) => {
    expect(setup().k(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('set selector, set serviceaccount', () => {
  it("replaces a Service's selector and refuses other kinds", () => {
    const { k, cluster } = setup();
    k('create service clusterip web --tcp=80');
    expect(k('set selector service web app=other,tier=x').stdout).toBe('service/web selector updated\n');
    expect(cluster.api.get('Service', 'web', 'default')!.spec.selector).toEqual({ app: 'other', tier: 'x' });
    expect(k('set selector deployment web app=x').stderr).toBe('error: setting a selector is only supported for Services\n');
    expect(k('set selector service web').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('sets the pod template service account (alias sa), printed even when unchanged', () => {
    const { k, cluster } = setup();
    expect(k('set sa deployment web bot').stdout).toBe('deployment.apps/web serviceaccount updated\n');
    expect(k('set serviceaccount deployment web bot').stdout).toBe('deployment.apps/web serviceaccount updated\n');
    expect(cluster.api.get('Deployment', 'web', 'default')!.spec.template.spec.serviceAccountName).toBe('bot');
    expect(k('set serviceaccount deployment web').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});

describe('set env --from, set image', () => {
  it('references every key of a ConfigMap or Secret, upper-cased after --prefix, with a warning per renamed key', () => {
    const { k, container } = setup();
    k('create configmap cfg --from-literal=color=blue --from-literal=app-mode=x');
    expect(k('set env deployment/web --from=configmap/cfg --prefix=MY_')).toEqual({
      stdout: 'deployment.apps/web env updated\n',
      stderr: 'Warning: key app-mode transferred to APP_MODE\nWarning: key color transferred to COLOR\n',
      exitCode: 0,
    });
    expect(container().env).toEqual([
      { name: 'MY_APP_MODE', valueFrom: { configMapKeyRef: { key: 'app-mode', name: 'cfg' } } },
      { name: 'MY_COLOR', valueFrom: { configMapKeyRef: { key: 'color', name: 'cfg' } } },
    ]);
    expect(k('set env deployment/web --list').stdout).toBe('# Deployment web, container nginx\n# MY_APP_MODE from configmap cfg, key app-mode\n# MY_COLOR from configmap cfg, key color\n');
    expect(k('set env deployment/web --from=secret/nope').stderr).toBe('Error from server (NotFound): secrets "nope" not found\n');
  });

  it('sets images, prints nothing when already set, and -o name', () => {
    const { k, container } = setup();
    expect(k('set image deployment/web nginx=nginx:1.26 -o name').stdout).toBe('deployment.apps/web\n');
    expect(container().image).toBe('nginx:1.26');
    expect(k('set image deployment/web nginx=nginx:1.26')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(k('set image deployment/web nope=x').stderr).toBe('error: unable to find container named "nope"\n');
    expect(k('set image deployment/web').stderr).toBe('error: at least one image update is required\n');
  });
});
