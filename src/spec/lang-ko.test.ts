// The spec area's text in Korean: default step names for every action, what an assertion selects
// and counts, one field's mismatch, and the hints under a manifest's YAML error. English is checked
// beside it where the wording is built differently (the tests of each module keep English's).
import { setLang } from '../i18n';
import { summarizeAction } from './summary';
import { fieldLine, selectionPhrase } from './assertions/object';
import { matchPartial } from './assertions/match';
import { manifestYamlHint, manifestHints } from './hints';
import { suggestionHint } from './suggest';
import { parseYaml, YamlError } from '../manifest/yaml';
import type { Action, ObjectAssertion } from './model';

const HANGUL = /[\uac00-\ud7a3]/;

afterEach(() => setLang('en'));

function inBoth<T>(fn: () => T): { en: T; ko: T } {
  setLang('en');
  const en = fn();
  setLang('ko');
  const ko = fn();
  setLang('en');
  return { en, ko };
}

test('default step names: every action, in Korean, with kubectl and Kubernetes names as they are', () => {
  const actions: [Action, string, string][] = [
    [{ type: 'apply', source: { files: ['nginx-deploy.yaml'] } } as Action, 'apply nginx-deploy.yaml', 'nginx-deploy.yaml 적용'],
    [{ type: 'create', source: { files: ['a.yaml', 'b.yaml'] } } as Action, 'create a.yaml, b.yaml', 'a.yaml, b.yaml 생성'],
    [{ type: 'apply', source: { objects: [{ kind: 'Pod', metadata: { name: 'box' } }] } } as unknown as Action, 'apply inline manifest (Pod box)', '인라인 매니페스트 적용 (Pod box)'],
    [{ type: 'delete', file: 'replicaset.yaml', pick: 'all', cascade: 'orphan', namespace: 'default' }, 'delete -f replicaset.yaml --cascade=orphan', 'replicaset.yaml의 객체 삭제 --cascade=orphan'],
    [{ type: 'delete', kind: 'Pod', selector: 'app=nginx', pick: 'oldest', cascade: 'background', namespace: 'default' }, 'delete Pod -l app=nginx (oldest)', 'Pod -l app=nginx (가장 오래된 것) 삭제'],
    [{ type: 'delete', kind: 'Pod', selector: 'app=nginx', pick: 2, cascade: 'background', namespace: 'web' }, 'delete Pod -l app=nginx (#2 by age) -n web', 'Pod -l app=nginx (생성 순 #2) -n web 삭제'],
    [{ type: 'scale', kind: 'ReplicaSet', name: '3-replicaset', replicas: 5, namespace: 'default' }, 'scale ReplicaSet/3-replicaset to 5', 'ReplicaSet/3-replicaset 레플리카 5개로 스케일'],
    [{ type: 'setImage', kind: 'Deployment', name: 'web', container: 'nginx', image: 'nginx:1.27', namespace: 'default' }, 'set image Deployment/web nginx=nginx:1.27', 'Deployment/web 이미지 변경: nginx=nginx:1.27'],
    [{ type: 'rollout', action: 'undo', kind: 'Deployment', name: 'web', toRevision: 1, namespace: 'default' }, 'rollout undo Deployment/web --to-revision=1', 'Deployment/web 롤아웃 되돌리기(undo) --to-revision=1'],
    [{ type: 'kubectl', command: 'get pods' }, 'kubectl get pods', 'kubectl get pods'],
    [{ type: 'label', kind: 'Pod', name: 'p', pick: 'all', set: { tier: 'web' }, remove: ['old'], namespace: 'default' }, 'label Pod/p tier=web old-', 'Pod/p 레이블 변경: tier=web old-'],
    [{ type: 'wait', ms: 30000, text: '30s' }, 'wait 30s', '30s 대기'],
    [{ type: 'node', name: 'worker1', ready: false, unschedulable: true }, 'node worker1 not ready, cordoned', '노드 worker1: NotReady로 전환, cordon 처리'],
    [{ type: 'node', name: 'worker1', ready: 'unknown' }, 'node worker1 unreachable', '노드 worker1: 응답 없음(Unknown)으로 전환'],
    [{ type: 'patch', kind: 'Deployment', name: 'web', namespace: 'default', patchType: 'merge', patch: {} }, 'patch Deployment/web (merge)', 'Deployment/web 패치 (merge)'],
  ];
  for (const [action, en, ko] of actions) expect(inBoth(() => summarizeAction(action))).toEqual({ en, ko });
});

test('a selection reads as the kind, then what narrows it in parentheses', () => {
  const a = { type: 'object', kind: 'Pod', selector: 'app=nginx', namespace: 'web', fieldSelector: 'spec.nodeName=worker0' } as ObjectAssertion;
  expect(inBoth(() => selectionPhrase(a, 3))).toEqual({
    en: 'Pods with selector app=nginx and fields spec.nodeName=worker0 in namespace web',
    ko: 'Pod(셀렉터 app=nginx, 필드 spec.nodeName=worker0, 네임스페이스 web)',
  });
  expect(inBoth(() => selectionPhrase({ type: 'object', kind: 'Service', namespace: 'default' } as ObjectAssertion, 2)).ko).toBe('Service');
});

test('one field: the value after a Korean note, never inside it', () => {
  const first = (expected: unknown, actual: unknown) => inBoth(() => fieldLine(matchPartial(expected, actual).mismatches[0]));
  expect(first({ spec: { replicas: 3 } }, { spec: { replicas: 2 } })).toEqual({ en: 'spec.replicas: expected 3, found 2', ko: 'spec.replicas: 기대값 3, 실제값 2' });
  expect(first({ spec: { replicas: 3 } }, { spec: {} })).toEqual({ en: 'spec.replicas: expected 3, but it is missing', ko: 'spec.replicas: 없음 (기대값 3)' });
  expect(first({ n: { min: 3 } }, { n: 2 })).toEqual({ en: 'n: expected at least 3, found 2', ko: 'n: 3 이상의 값이어야 함 (실제값 2)' });
  expect(first({ image: '/^nginx:1\\./' }, { image: 'nginx:latest' })).toEqual({ en: 'image: does not match /^nginx:1\\./ (found nginx:latest)', ko: 'image: /^nginx:1\\./에 맞지 않음 (실제값 nginx:latest)' });
  expect(first({ list: [1, 2] }, { list: [1, 2, 3] }).ko).toBe('list: 요소가 2개여야 함 (실제값 3)');
  expect(first({ spec: { replicas: 3 } }, { spec: { replicas: [3] } }).ko).toBe('spec.replicas: 숫자 값이어야 함 (실제: 리스트)');
});

test("a manifest's YAML mistake: kubespec's hint in Korean, at the same place", () => {
  const hintFor = (text: string) => {
    try {
      parseYaml(text, 'svc.yaml');
    } catch (e) {
      if (e instanceof YamlError) return inBoth(() => manifestYamlHint(e, text));
    }
    throw new Error('no YAML error');
  };
  const tab = hintFor('a: 1\nb:\n\tc: 2\n');
  expect(tab.en).toMatch(/^svc\.yaml:3:\d+: this line is indented with a tab; YAML indents with spaces only$/);
  expect(tab.ko).toMatch(/^svc\.yaml:3:\d+: 이 줄은 탭으로 들여쓰기되어 있어요\. YAML은 공백으로만 들여써야 해요\.$/);
  const twice = hintFor('spec:\n  replicas: 1\n  replicas: 2\n');
  expect(twice.en).toMatch(/: the key "replicas" is written twice in one map; keep one$/);
  expect(twice.ko).toMatch(/: 키 "replicas": 한 맵에 두 번 썼어요\. 하나만 남기세요\.$/);
});

test('did-you-mean and the manifest hints in Korean', () => {
  expect(inBoth(() => suggestionHint('aply', ['apply', 'create'])).ko).toBe('혹시 `apply`인가요?');
  expect(inBoth(() => suggestionHint('zzz', ['apply', 'create'])).ko).toBe('쓸 수 있는 키: apply, create');
  const hints = inBoth(() => manifestHints('ReplicaSet in version "v1" cannot be handled as a ReplicaSet: strict decoding error: unknown field "spec.replica"'));
  expect(hints.ko).toEqual(['spec.replica 필드는 ReplicaSet에 없어요. 혹시 spec.replicas인가요?']);
  expect(inBoth(() => manifestHints('no matches for kind "deployment" in version "apps/v1"')).ko[0]).toMatch(HANGUL);
});
