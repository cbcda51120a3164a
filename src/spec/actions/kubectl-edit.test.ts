// A `kubectl edit` step with its scripted editor (`edit:`), and `create configmap --from-file`
// reading inside the spec's folder only: from the spec text to what the cluster holds.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cluster } from '../../cluster/cluster';
import { loadSpecText } from '../loader';
import type { Action } from '../model';
import { runAction, type ActionContext } from '.';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-edit-'));
  fs.writeFileSync(path.join(dir, 'app.properties'), 'color=blue\n');
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.writeFileSync(path.join(dir, 'conf', 'a.txt'), 'A');
  fs.writeFileSync(path.join(dir, 'conf', 'b.bin'), Buffer.from([0xff, 0x00, 0xfe]));
});

const ctxFor = (cluster = new Cluster({}, [])): ActionContext => ({ cluster, roots: [dir], specFile: 'a.spec.yaml', maxFileBytes: 1024 * 1024, settle: {} });

function stepActions(text: string): Action[] {
  const loaded = loadSpecText(text, 'a.spec.yaml', dir);
  const doc = loaded.documents[0];
  if (!doc.ok) throw new Error(doc.problems.map((p) => p.message).join('\n'));
  return doc.spec.steps.map((s) => s.action);
}

describe('kubectl edit steps', () => {
  it('reads `edit:` as replacements in the file kubectl opens, and the edit reaches the server', () => {
    const [create, edit, again, whole] = stepActions(`name: edit
steps:
  - kubectl: create deployment web --image=nginx
  - kubectl: edit deployment web
    edit:
      - { find: "replicas: 1", replace: "replicas: 3" }
  - kubectl: edit deployment web
    edit:
      - { find: "replicas: 7", replace: "replicas: 8" }
  - kubectl: edit deployment web
    edit: "apiVersion: v1\\nkind: Pod\\nmetadata: { name: web }\\n"
`);
    expect(edit).toEqual({ type: 'kubectl', command: 'edit deployment web', edit: { replace: [{ find: 'replicas: 1', replace: 'replicas: 3' }] } });
    const ctx = ctxFor();
    expect(runAction(create, ctx).exitCode).toBe(0);
    expect(runAction(edit, ctx)).toMatchObject({ output: 'deployment.apps/web edited\n', exitCode: 0 });
    expect(ctx.cluster.api.get('Deployment', 'web', 'default')!.spec.replicas).toBe(3);
    expect(runAction(again, ctx)).toMatchObject({ stderr: 'error: edit: "replicas: 7" does not occur in the file kubectl edit opened\n', exitCode: 1 });
    expect(runAction(whole, ctx)).toMatchObject({ stderr: 'error: At least one of apiVersion, kind and name was changed\n', exitCode: 1 });
  });

  it('says so when the editor changes nothing, and refuses `edit:` on a step that is not kubectl', () => {
    const [create, edit] = stepActions(`name: edit
steps:
  - kubectl: create deployment web --image=nginx
  - kubectl: edit deployment web
    edit: []
`.replace('edit: []', 'edit:\n      - { find: "replicas: 1", replace: "replicas: 1" }'));
    const ctx = ctxFor();
    runAction(create, ctx);
    expect(runAction(edit, ctx)).toMatchObject({ stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    const loaded = loadSpecText('name: x\nsteps:\n  - wait: 1s\n    edit: "x"\n', 'a.spec.yaml', dir).documents[0];
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.message).join('\n')).toContain("`edit` scripts the editor of a `kubectl: edit ...` step; this step's action is `wait`");
  });

  it('without `edit:`, kubectl edit says no editor runs here', () => {
    const ctx = ctxFor();
    runAction({ type: 'kubectl', command: 'create deployment web --image=nginx' }, ctx);
    expect(runAction({ type: 'kubectl', command: 'edit deployment web' }, ctx).stderr).toBe("error: kubespec's kubectl emulation runs no editor: give what the editor saves in the step's `edit:` key\n");
  });
});

describe('create configmap|secret --from-file in a spec', () => {
  it('reads files and folders inside the spec folder, binary files as binaryData', () => {
    const ctx = ctxFor();
    expect(runAction({ type: 'kubectl', command: 'create configmap app --from-file=app.properties --from-file=conf' }, ctx).exitCode).toBe(0);
    const cm = ctx.cluster.api.get('ConfigMap', 'app', 'default')!;
    expect(cm.data).toEqual({ 'app.properties': 'color=blue\n', 'a.txt': 'A' });
    expect(cm.binaryData).toEqual({ 'b.bin': Buffer.from([0xff, 0x00, 0xfe]).toString('base64') });
    expect(runAction({ type: 'kubectl', command: 'create secret generic s --from-file=conf/b.bin' }, ctx).exitCode).toBe(0);
    expect(ctx.cluster.api.get('Secret', 's', 'default')!.data).toEqual({ 'b.bin': '/wD+' });
  });

  it('refuses a path that leaves the spec folder', () => {
    const r = runAction({ type: 'kubectl', command: 'create configmap x --from-file=../etc/passwd' }, ctxFor());
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("error: ../etc/passwd: the path leaves its folder ('..' is not allowed)\n");
  });
});
