// Data fidelity through the real kubectl v1.32 against `kubespec serve` (issue #10): what a GET
// returns for quantities, what apply reports after the server canonicalized them, and the error
// texts kubectl prints for JSON patches and selectors.
import { kubectl, ok, useServer } from './support';

jest.setTimeout(120_000);

const server = useServer({ speed: 50 });

const pod = (name: string, cpu: string, memory: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: ${cpu}
        memory: ${memory}
  volumes:
  - name: scratch
    emptyDir:
      sizeLimit: 0.5Gi
`;

describe('quantities (resource.Quantity: stored and returned as String())', () => {
  test('a GET returns the canonical form; last-applied keeps the text as written', async () => {
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q1', '"1.2"', '1024Mi') })).toMatchObject({ code: 0, stdout: 'pod/q1 created\n' });
    const live = JSON.parse(await ok(server(), 'get', 'pod', 'q1', '-o', 'json')) as {
      metadata: { annotations: Record<string, string> };
      spec: { containers: { resources: { requests: Record<string, string> } }[]; volumes: { emptyDir: { sizeLimit: string } }[] };
    };
    expect(live.spec.containers[0].resources.requests).toEqual({ cpu: '1200m', memory: '1Gi' });
    expect(live.spec.volumes[0].emptyDir.sizeLimit).toBe('512Mi');
    const lastApplied = JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']) as { spec: { containers: { resources: { requests: Record<string, string> } }[] } };
    expect(lastApplied.spec.containers[0].resources.requests).toEqual({ cpu: '1.2', memory: '1024Mi' });
  });

  test('apply again: `configured` for a text the server rewrote, `unchanged` once it is canonical (kubernetes/kubernetes#116135)', async () => {
    // kubectl's three-way patch compares the live object (1200m) with the file (1.2): a patch is
    // sent, and apply says configured although nothing changes. That is the real kubectl's answer.
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q1', '"1.2"', '1024Mi') })).toMatchObject({ code: 0, stdout: 'pod/q1 configured\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q2', '1200m', '1Gi').replace('0.5Gi', '512Mi') })).toMatchObject({ code: 0, stdout: 'pod/q2 created\n' });
    expect(await kubectl(server(), ['apply', '-f', '-'], { input: pod('q2', '1200m', '1Gi').replace('0.5Gi', '512Mi') })).toMatchObject({ code: 0, stdout: 'pod/q2 unchanged\n' });
  });
});
