// The files a spec's steps read: manifests (apply/create, delete.file, kubectl -f) and kubectl's
// other sources (create configmap|secret --from-file / --from-env-file, create secret tls).
import { kubectlFiles, kubectlSourceFiles } from './step-files';

describe('kubectl step files', () => {
  it('finds -f manifests', () => {
    expect(kubectlFiles('apply -f a.yaml --filename=b.yaml -fc.yaml')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('finds --from-file paths (keys dropped, lists split), env files, and a TLS pair', () => {
    expect(kubectlSourceFiles('create configmap app --from-file=app.properties --from-file=k=conf/x.txt,conf/y.txt --from-env-file dev.env')).toEqual(['app.properties', 'conf/x.txt', 'conf/y.txt', 'dev.env']);
    expect(kubectlSourceFiles('kubectl create secret tls t --cert=tls.crt --key tls.key')).toEqual(['tls.crt', 'tls.key']);
    expect(kubectlSourceFiles('create secret generic s --from-literal=a=1')).toEqual([]);
    expect(kubectlSourceFiles('run x --image=busybox -- cat --from-file=nope')).toEqual([]);
  });
});
