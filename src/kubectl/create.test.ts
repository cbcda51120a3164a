// kubectl create <generator> through runKubectl: the errors kubectl 1.32 prints before sending
// anything, the sandbox for --from-file, and the objects built (the differential corpus checks the
// rest against the real kubectl).
import { Cluster } from '../cluster/cluster';
import { runKubectl, type KubectlIO, type KubectlResult } from './index';

function setup(files: Record<string, string> = {}) {
  const cluster = new Cluster({}, []);
  const io: KubectlIO = {
    readFile(p: string) {
      if (p.startsWith('..')) throw new Error(`${p}: the path leaves its folder ('..' is not allowed)`);
      if (!(p in files)) throw new Error(`${p}: no such file`);
      return { text: files[p], display: p };
    },
  };
  return { cluster, k: (line: string): KubectlResult => runKubectl(cluster, line, io) };
}

describe('create generators', () => {
  it.each([
    ['create configmap', "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n"],
    ['create cm a b --from-literal=x=1', "error: exactly one NAME is required, got 2\nSee 'kubectl create configmap -h' for help and examples\n"],
    ['create configmap c --from-literal=bad', 'error: invalid literal source bad, expected key=value\n'],
    ['create configmap c --from-literal==v', 'error: invalid literal source =v, expected key=value\n'],
    ['create configmap c --from-file=a=b=c', "error: key names or file paths cannot contain '='\n"],
    ['create configmap c --from-file==a', 'error: key name for file path a missing\n'],
    ['create configmap c --from-file=nope.txt', 'error: error reading nope.txt: no such file or directory\n'],
    ['create configmap c --from-literal=a=1 --from-env-file=e', 'error: from-env-file cannot be combined with from-file or from-literal\n'],
    ['create configmap c --from-literal=a=1 -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
    ['create secret generic s --from-literal=a/b=1', `error: "a/b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`],
    ['create secret tls t', 'error: key and cert must be specified\n'],
    ['create secret docker-registry r', 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n'],
    ['create service clusterip s', 'error: at least one tcp port specifier must be provided\n'],
    ['create service nodeport s --tcp=abc', 'error: strconv.ParseUint: parsing "abc": invalid syntax\n'],
    ['create service clusterip s --tcp=80:a_b', 'error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n'],
    ['create service clusterip s --tcp=80:0', 'error: must be between 1 and 65535, inclusive\n'],
    ['create svc nodeport s --clusterip=None', "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n"],
    ['create job j', 'error: either --image or --from must be specified\n'],
    ['create job j --image=busybox', 'error: failed to create job: the server could not find the requested resource\n'],
    ['create deployment d', 'error: required flag(s) "image" not set\n'],
    ['create foo x', "error: Unexpected args: [foo x]\nSee 'kubectl create -h' for help and examples\n"],
  ])('kubectl %s', (line, stderr) => {
    const r = setup().k(line);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(1);
  });

  it('refuses a --from-file path that leaves the spec folder, with a clear line', () => {
    const r = setup().k('create configmap c --from-file=../etc/passwd');
    expect(r).toEqual({ stdout: '', stderr: "error: ../etc/passwd: the path leaves its folder ('..' is not allowed)\n", exitCode: 1 });
  });

  it('builds a configmap from files, literals and env files, and prints the typed object', () => {
    const { k, cluster } = setup({ 'app.properties': 'a=1\n', 'x.env': '# comment\n\n  K1=v1\nK2=v=2\n' });
    expect(k('create configmap c --from-file=app.properties --from-literal=z=last').stdout).toBe('configmap/c created\n');
    expect(cluster.api.get('ConfigMap', 'c', 'default')!.data).toEqual({ 'app.properties': 'a=1\n', z: 'last' });
    expect(k('create configmap e --from-env-file=x.env -o yaml --dry-run=client').stdout).toBe(
      'apiVersion: v1\ndata:\n  K1: v1\n  K2: v=2\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: e\n',
    );
    expect(k('create configmap c --from-literal=a=1').stderr).toBe('error: failed to create configmap: configmaps "c" already exists\n');
  });

  it('prints -o json in the Go struct order and sends a secret base64-encoded', () => {
    const { k, cluster } = setup();
    expect(k('create secret generic s --from-literal=p=x -o json --dry-run=client').stdout).toBe(
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "s",\n        "creationTimestamp": null\n    },\n    "data": {\n        "p": "eA=="\n    }\n}\n',
    );
    expect(k('create secret generic s --from-literal=p=x -n default').stdout).toBe('secret/s created\n');
    expect(cluster.api.get('Secret', 's', 'default')!.data).toEqual({ p: 'eA==' });
  });

  it('names a service port after its --tcp spec and selects app: NAME', () => {
    const { k, cluster } = setup();
    expect(k('create service nodeport web --tcp=80:8080 --node-port=30080').stdout).toBe('service/web created\n');
    const svc = cluster.api.get('Service', 'web', 'default')!;
    expect(svc.spec.ports).toEqual([{ name: '80-8080', nodePort: 30080, port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(k('create service clusterip web --tcp=80').stderr).toBe('error: failed to create ClusterIP service: services "web" already exists\n');
  });
});

describe('create secret tls', () => {
  /** A self-signed certificate and its key (node-forge), made for the test. */
  function keyPair(cn: string): { cert: string; key: string } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const forge = require('node-forge') as typeof import('node-forge');
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(0);
    cert.validity.notAfter = new Date(2 ** 40);
    cert.setSubject([{ name: 'commonName', value: cn }]);
    cert.setIssuer([{ name: 'commonName', value: cn }]);
    cert.sign(keys.privateKey);
    return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) };
  }

  it('checks the pair as crypto/tls does, then stores tls.crt and tls.key', () => {
    const a = keyPair('a');
    const b = keyPair('b');
    const { k, cluster } = setup({ 'a.crt': a.cert, 'a.key': a.key, 'b.key': b.key, 'x.yaml': 'kind: Pod\n' });
    expect(k('create secret tls t --cert=x.yaml --key=a.key').stderr).toBe('error: tls: failed to find any PEM data in certificate input\n');
    expect(k('create secret tls t --cert=a.crt --key=x.yaml').stderr).toBe('error: tls: failed to find any PEM data in key input\n');
    expect(k('create secret tls t --cert=a.key --key=a.key').stderr).toBe('error: tls: failed to find certificate PEM data in certificate input, instead found a private key\n');
    expect(k('create secret tls t --cert=a.crt --key=a.crt').stderr).toBe('error: tls: found a certificate rather than a key in the PEM for the private key\n');
    expect(k('create secret tls t --cert=a.crt --key=b.key').stderr).toBe('error: tls: private key does not match public key\n');
    expect(k('create secret tls t --cert=a.crt --key=a.key').stdout).toBe('secret/t created\n');
    const secret = cluster.api.get('Secret', 't', 'default')!;
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toBe(a.cert);
  });
});

describe("kubectl's generators the emulation does not build", () => {
  it.each(['create ingress web --rule=a/b=svc:80', 'create role r --verb=get --resource=pods', 'create pdb p --min-available=1', 'create quota q --hard=pods=2'])('kubectl %s is refused in one line, its flags accepted', (line) => {
    const r = setup().k(line);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: kubespec's kubectl emulation does not support "kubectl create [a-z]+": the embedded cluster does not serve these objects\n$/);
  });
});

describe('--append-hash', () => {
  it("names a configmap or secret after kubectl's hash of its kind, name and data", () => {
    const { k } = setup();
    const a = k('create configmap app --from-literal=a=1 --append-hash --dry-run=client -o name').stdout;
    expect(a).toMatch(/^configmap\/app-[2-9b-df-z]{10}\n$/);
    expect(k('create configmap app --from-literal=a=1 --append-hash --dry-run=client -o name').stdout).toBe(a);
    expect(k('create configmap app --from-literal=a=2 --append-hash --dry-run=client -o name').stdout).not.toBe(a);
    expect(k('create secret generic s --from-literal=a=1 --append-hash --dry-run=client -o name').stdout).toMatch(/^secret\/s-[2-9b-df-z]{10}\n$/);
  });
});
