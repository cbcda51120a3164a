// Hints under Kubernetes' own words for the mistakes students make most: a misspelt field, a kind in
// the wrong case or apiVersion, and a file named nearly as the spec reads it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { manifestHints, nearMissFile } from './hints';

test('a misspelt field: the field of that type it is closest to, at any depth', () => {
  const strict = (kind: string, fields: string) => `Error from server (BadRequest): error when creating "x.yaml": ${kind} in version "v1" cannot be handled as a ${kind}: strict decoding error: ${fields}`;
  expect(manifestHints(strict('ReplicaSet', 'unknown field "spec.replica"'))).toEqual(['spec.replica is not a field of a ReplicaSet: did you mean spec.replicas?']);
  expect(manifestHints(strict('Deployment', 'unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.selecter"'))).toEqual([
    'spec.template.spec.containers[0].imagee is not a field of a Deployment: did you mean spec.template.spec.containers[0].image?',
    'spec.selecter is not a field of a Deployment: did you mean spec.selector?',
  ]);
  // nothing close: no guess
  expect(manifestHints(strict('ReplicaSet', 'unknown field "spec.banana"'))).toEqual([]);
});

test('a kind in the wrong case, or served in another apiVersion', () => {
  expect(manifestHints('no matches for kind "deployment" in version "apps/v1"')).toEqual(['kinds are written as Kubernetes writes them: kind: Deployment']);
  expect(manifestHints('no matches for kind "Deployment" in version "v1"')).toEqual(['Deployment is served as apiVersion: apps/v1']);
  expect(manifestHints('no matches for kind "Frobnicator" in version "v1"')).toEqual([]);
});

test('a file named nearly so: another extension or case first, then one or two letters off, if only one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-hints-'));
  try {
    fs.writeFileSync(path.join(dir, 'nginx-deploy.yml'), '');
    fs.writeFileSync(path.join(dir, 'replicaset.yaml'), '');
    fs.mkdirSync(path.join(dir, 'canary'));
    fs.writeFileSync(path.join(dir, 'canary', 'Nginx-Stable.yaml'), '');
    expect(nearMissFile(dir, 'nginx-deploy.yaml')).toBe('nginx-deploy.yml');
    expect(nearMissFile(dir, 'replica-set.yaml')).toBe('replicaset.yaml');
    expect(nearMissFile(dir, 'canary/nginx-stable.yaml')).toBe('canary/Nginx-Stable.yaml');
    expect(nearMissFile(dir, 'nginx-svc.yaml')).toBeUndefined();
    expect(nearMissFile(dir, 'missing/x.yaml')).toBeUndefined();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
