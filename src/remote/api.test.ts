// The real-cluster API's pure parts: the server's Status as the error the kubectl emulation prints,
// and --compare's stand-ins for what differs between any two clusters.
import { statusError } from './api';
import { normalize } from './compare';

describe('statusError', () => {
  test("keeps the server's message, reason, code and field causes", () => {
    const e = statusError(
      422,
      JSON.stringify({
        kind: 'Status',
        code: 422,
        reason: 'Invalid',
        message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        details: { name: 'web', kind: 'Deployment', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] },
      }),
    );
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect([e.reason, e.code, e.kind, e.objectName]).toEqual(['Invalid', 422, 'Deployment', 'web']);
    expect(e.causes).toEqual([{ type: 'Invalid', field: 'spec.replicas', detail: 'Invalid value: -1: must be greater than or equal to 0' }]);
  });

  test('a reason kubespec has no code for keeps the code the server sent; a body that is not JSON is the message', () => {
    expect(statusError(429, JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' })).code).toBe(429);
    const e = statusError(502, 'Bad Gateway\n');
    expect([e.message, e.code]).toEqual(['Bad Gateway', 502]);
  });
});

describe("--compare's normalization", () => {
  test('names, uids, IPs and times are stand-ins; other values are kept', () => {
    expect(normalize({ name: 'nginx-deployment-7585d658b4-45jds', uid: '016b227f-3df8-4ab4-a9f9-8f1cc73dc9d1', ip: '10.244.1.7', at: '2026-12-04T04:22:36Z', replicas: 2, ns: 'kubespec-0a1b2c3d' })).toBe(
      '{"name":"nginx-deployment-<id>-<id>","uid":"<uid>","ip":"<ip>","at":"<time>","replicas":2,"ns":"default"}',
    );
    expect(normalize(undefined)).toBe('undefined');
  });
});
