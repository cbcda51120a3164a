// Request assertions, with Service routing replaced by a scripted stand-in: who answered, failures,
// `reaches` (with `all`), `fails`, and reproducible random streams per assertion.
import { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../apiserver/types';
import type { RequestAssertion } from '../model';
import { Random } from '../../util/random';

const script: { answers: (string | undefined)[]; seen: number[] } = { answers: [], seen: [] };

jest.mock('../../cluster/routing', () => ({
  sendRequest: (cluster: Cluster, _target: unknown, rng: Random) => {
    script.seen.push(rng.next());
    const name = script.answers.shift();
    if (name === undefined) return { ok: false, reason: 'no endpoints for service default/web' };
    return { ok: true, pod: cluster.api.get('Pod', name)!, node: 'worker0', podIP: '10.244.1.2', targetPort: 80 };
  },
}));

import { checkRequestAssertion } from './request';

const at = { file: 'a.spec.yaml', line: 9, column: 9 };

function cluster(): Cluster {
  const c = new Cluster({}, []);
  const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
  for (const [name, app] of [
    ['web-a', 'web'],
    ['web-b', 'web'],
    ['api-a', 'api'],
  ]) {
    const p = c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    c.api.updateStatus({ ...p, status: { ...(p.status ?? {}), ...ready } });
  }
  return c;
}

const req = (a: Partial<RequestAssertion>): RequestAssertion => ({ type: 'request', location: at, path: ['steps', 1, 'expect', 0], request: { nodePort: 30000, namespace: 'default' }, times: 4, ...a });

beforeEach(() => {
  script.answers = [];
  script.seen = [];
});

describe('checkRequestAssertion', () => {
  it('passes when every request is answered by a matching pod', () => {
    script.answers = ['web-a', 'web-b', 'web-a', 'web-b'];
    expect(checkRequestAssertion(cluster(), req({ reaches: { selector: 'app=web', all: true } }), 1, 'k')).toBeUndefined();
  });

  it('names strangers and failures, with a tally of who answered', () => {
    script.answers = ['web-a', 'api-a', 'web-a'];
    const f = checkRequestAssertion(cluster(), req({ reaches: { selector: 'app=web', all: false } }), 1, 'k')!;
    expect(f).toEqual({
      message:
        'expected 4 requests to nodePort 30000 to reach pods with app=web: 1 failed (no endpoints for service default/web); 1 was answered by pods without app=web (api-a ×1); answered by web-a ×2, api-a ×1',
      location: at,
      kind: 'expect',
      selection: 'requests to nodePort 30000 ×4',
      selected: ['Pod/web-a', 'Pod/api-a'],
    });
  });

  it('`all`: every ready matching pod must answer at least once', () => {
    script.answers = ['web-a', 'web-a', 'web-a', 'web-a'];
    const f = checkRequestAssertion(cluster(), req({ reaches: { selector: 'app=web', all: true } }), 1, 'k')!;
    expect(f.message).toBe('expected 4 requests to nodePort 30000 to reach pods with app=web (every ready one at least once): 1 of 2 ready pods with app=web never answered: web-b; answered by web-a ×4');
  });

  it('`fails`: nothing may answer', () => {
    expect(checkRequestAssertion(cluster(), req({ fails: true, request: { service: 'web', port: 8080, namespace: 'default' } }), 1, 'k')).toBeUndefined();
    script.answers = [undefined, 'web-b'];
    const f = checkRequestAssertion(cluster(), req({ fails: true, times: 2, request: { service: 'web', port: 8080, namespace: 'default' } }), 1, 'k')!;
    expect(f.message).toBe('expected 2 requests to service web port 8080 to fail, but 1 was answered (by web-b ×1)');
  });

  it('without reaches or fails, every request must be answered', () => {
    script.answers = ['api-a'];
    expect(checkRequestAssertion(cluster(), req({ times: 1 }), 1, 'k')).toBeUndefined();
    expect(checkRequestAssertion(cluster(), req({ times: 1, request: { nodePort: 30000, node: 'worker1', namespace: 'default' } }), 1, 'k')!.message).toBe(
      'expected 1 request to nodePort 30000 on worker1 to be answered: 1 failed (no endpoints for service default/web)',
    );
  });

  it('each assertion draws its own stream from the spec seed: reproducible, and independent of the others', () => {
    const c = cluster();
    const draws = (seed: number, key: string) => {
      script.seen = [];
      checkRequestAssertion(c, req({ times: 3 }), seed, key);
      return [...script.seen];
    };
    expect(draws(1, 'steps.1.expect.0')).toEqual(draws(1, 'steps.1.expect.0'));
    expect(draws(1, 'steps.1.expect.0')).not.toEqual(draws(1, 'steps.1.expect.1'));
    expect(draws(1, 'steps.1.expect.0')).not.toEqual(draws(2, 'steps.1.expect.0'));
  });
});
