// `-f` as kubectl's resource builder reads it: a folder's own manifest files in name order (the
// differential group "a folder of manifests" holds it to the real kubectl), and a URL refused in
// one clear line, since nothing is fetched from the network.
import * as path from 'path';
import { createCluster } from '../library/cluster';

const COURSE = path.resolve(__dirname, '..', '..', 'fixtures', 'course');

test('kubectl apply -f DIR applies the folder’s .yaml files in name order, through the step’s sandbox', () => {
  const c = createCluster({ cwd: COURSE });
  const r = c.kubectl('apply -f canary');
  expect(r).toEqual({ stdout: 'deployment.apps/nginx-canary created\ndeployment.apps/nginx-stable created\nservice/my-nginx created\n', stderr: '', exitCode: 0 });
  expect(c.kubectl('delete -f canary').stdout).toBe('deployment.apps "nginx-canary" deleted\ndeployment.apps "nginx-stable" deleted\nservice "my-nginx" deleted\n');
  expect(c.kubectl('apply -f ../..').stderr).toMatch(/leaves its folder/);
});

test('a URL is refused in one line, saying what to do', () => {
  const c = createCluster({ cwd: COURSE });
  expect(c.kubectl('apply -f https://k8s.io/examples/application/deployment.yaml')).toEqual({
    stdout: '',
    stderr: "error: kubespec's kubectl emulation does not read URLs (https://k8s.io/examples/application/deployment.yaml): save the manifest beside the spec and name that file\n",
    exitCode: 1,
  });
});

test('-R walks the folders too, in filepath.Walk’s order (names sorted, a folder where its name falls)', () => {
  const c = createCluster({ cwd: path.resolve(__dirname, '..', '..', 'test', 'differential') });
  expect(c.kubectl('apply -f tree').stdout).toBe('configmap/a created\nconfigmap/z created\n');
  expect(c.kubectl('apply -f tree -R').stdout).toBe('configmap/a unchanged\nconfigmap/b created\nconfigmap/l created\nconfigmap/c created\nconfigmap/z unchanged\n');
  expect(c.kubectl('delete -f tree/m --recursive').stdout).toBe('configmap "b" deleted\nconfigmap "l" deleted\nconfigmap "c" deleted\n');
});
