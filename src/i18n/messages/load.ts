// Problems in spec files, found before anything runs (spec/loader.ts, spec/validate.ts) and by
// `validate --strict` (spec/strict.ts): each message follows `steps[0].expect[1]: ` in the output
// and its hint goes in parentheses after it. Keys, values and kinds are quoted as written.
import { defineMessages, type Params } from '../index';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const loadMessages = defineMessages({
  // loader.ts
  invalidYaml: { en: 'invalid YAML: {message}', ko: 'YAML 형식이 잘못됐어요: {message}' },
  noSpec: { en: 'the file holds no spec', ko: '파일에 스펙이 없어요' },
  noSpecHint: { en: 'write a spec: `name:` and `steps:`', ko: '`name:`과 `steps:`로 스펙을 쓰세요' },
  manifestsNotFolder: {
    en: 'manifests: {value} is not a folder (resolved to {path})',
    ko: 'manifests: {value}에 해당하는 폴더가 없어요 (찾은 경로: {path})',
  },
  manifestsNotFolderHint: {
    en: "name the folder holding this spec's manifests, relative to the spec file",
    ko: '이 스펙의 매니페스트가 있는 폴더를 스펙 파일 기준의 상대 경로로 쓰세요',
  },
  duplicateName: {
    en: 'name: another spec in this file (document {n}) is also named {name}',
    ko: 'name: 이 파일의 다른 스펙({n}번째 문서)과 이름이 같아요: {name}',
  },
  duplicateNameHint: { en: 'give every spec its own name, so reports can tell them apart', ko: '리포트에서 구별할 수 있게 스펙마다 다른 이름을 붙이세요' },

  // what a value is, in a message
  typeInteger: { en: 'a whole number', ko: '정수' },
  typeNumber: { en: 'a number', ko: '숫자' },
  typeString: { en: 'text', ko: '텍스트' },
  typeBoolean: { en: '`true` or `false`', ko: '`true` 또는 `false`' },
  typeObject: { en: 'a map', ko: '맵' },
  typeArray: { en: 'a list', ko: '목록' },
  typeNull: { en: 'empty', ko: '빈 값' },
  typeOther: { en: 'something else', ko: '다른 값' },
  or: { en: '{list} or {last}', ko: '{list} 또는 {last}' },
  valueNothing: { en: 'nothing', ko: '값 없음' },
  valueText: { en: 'the text {text}', ko: '텍스트 {text}' },
  valueNumber: { en: 'the number {n}', ko: '숫자 {n}' },
  valueList: { en: 'a list', ko: '목록' },
  valueMap: { en: 'a map', ko: '맵' },
  nounSpec: { en: 'a spec', ko: '스펙' },
  nounStep: { en: 'a step', ko: '단계' },
  nounAssertion: { en: 'an assertion', ko: '검사 항목' },

  // `x-expected` of the schema (spec/schema.ts): the accepted forms of a value
  expectedDuration: {
    en: 'a duration such as `30s`, `5m`, `1h30m` or `250ms`, or a number of seconds',
    ko: '`30s`, `5m`, `1h30m`, `250ms` 같은 시간, 또는 초 단위의 숫자',
  },
  expectedPick: { en: '`all`, `oldest`, `newest`, or a 0-based index', ko: '`all`, `oldest`, `newest`, 또는 0부터 세는 번호' },
  expectedManifest: {
    en: 'a file name, a list of file names, or `{ manifest: <object or YAML text> }`',
    ko: '파일 이름, 파일 이름 목록, 또는 `{ manifest: <object or YAML text> }`',
  },
  expectedCount: { en: 'a number, or `{ min: N, max: M }`', ko: '숫자, 또는 `{ min: N, max: M }`' },
  expectedOwnedBy: { en: '`none` or `{ kind: ReplicaSet, name: ... }`', ko: '`none` 또는 `{ kind: ReplicaSet, name: ... }`' },
  expectedRequest: { en: '`{ nodePort: N, node?: NAME }` or `{ service: NAME, port: N }`', ko: '`{ nodePort: N, node?: NAME }` 또는 `{ service: NAME, port: N }`' },
  expectedCondition: { en: '`true`, `false` or `unknown`', ko: '`true`, `false`, `unknown` 중 하나' },
  expectedNode: { en: 'a node name or `{ name, controlPlane?, ip?, labels?, maxPods? }`', ko: '노드 이름 또는 `{ name, controlPlane?, ip?, labels?, maxPods? }`' },

  // schema problems (validate.ts)
  manyActions: { en: '{path}: {n} actions in one step: {keys}', ko: '{path}: 한 단계에 동작이 {n}개 있어요: {keys}' },
  manyActionsHint: { en: 'a step has exactly one action; split it into two steps', ko: '단계 하나에는 동작이 하나만 있어야 해요. 두 단계로 나누세요' },
  noAction: { en: '{path}: a step needs an action (one of {keys})', ko: '{path}: 단계에 동작이 없어요 ({keys} 중 하나)' },
  noActionHint: { en: 'add an action, e.g. `apply: deployment.yaml`', ko: '동작을 넣으세요 (예: `apply: deployment.yaml`)' },
  wrongType: { en: '{path}: wrong type, found {found}', ko: '{path}: 값의 형식이 맞지 않아요 (지금 값: {found})' },
  expected: { en: 'expected {expected}', ko: '필요한 형식: {expected}' },
  unknownKey: { en: '{path}: unknown key `{key}` in {noun}', ko: '{path}: {noun}에는 `{key}` 키가 없어요' },
  didYouMean: { en: 'did you mean `{word}`?', ko: '혹시 `{word}`인가요?' },
  allowedKeys: { en: 'allowed keys: {words}', ko: '쓸 수 있는 키: {words}' },
  knownNodes: { en: 'nodes: {words}', ko: '이 클러스터의 노드: {words}' },
  needsKey: { en: '{path}: {noun} needs `{key}`', ko: '{path}: {noun}에 `{key}` 키가 필요해요' },
  needsStepsHint: { en: 'add `steps:` with at least one step', ko: '`steps:` 아래에 단계를 하나 이상 쓰세요' },
  needsKeyHint: { en: 'add `{key}: ...`', ko: '`{key}: ...` 줄을 넣으세요' },
  oneOf: { en: '{path}: must be one of {allowed}, found {found}', ko: '{path}: {allowed} 중 하나여야 해요 (지금 값: {found})' },
  oneOfHint: { en: 'one of: {allowed}', ko: '쓸 수 있는 값: {allowed}' },
  onlyConst: { en: '{path}: can only be {value}, found {found}', ko: '{path}: {value}만 쓸 수 있어요 (지금 값: {found})' },
  onlyConstHint: { en: 'leave the key out instead', ko: '대신 이 키를 빼세요' },
  notEmpty: { en: '{path}: must not be empty', ko: '{path}: 비어 있으면 안 돼요' },
  atLeastItems: {
    en: (p: Params) => `give at least ${Number(p.n) === 1 ? 'one' : p.n} ${p.what === 'step' ? 'step' : 'element'}${s(p.n, '', 's')}`,
    ko: (p: Params) => `${p.what === 'step' ? '단계를' : '항목을'} ${Number(p.n) === 1 ? '하나' : `${p.n}개`} 이상 쓰세요`,
  },
  valueOrLeaveOut: { en: 'write a value or leave the key out', ko: '값을 쓰거나 키를 빼세요' },
  atLeastOneOf: { en: 'give at least one of {keys}', ko: '{keys} 중 하나 이상을 쓰세요' },
  atLeastValue: { en: '{path}: must be at least {limit}, found {found}', ko: '{path}: {limit} 이상이어야 해요 (지금 값: {found})' },
  atMostValue: { en: '{path}: must be at most {limit}, found {found}', ko: '{path}: {limit} 이하여야 해요 (지금 값: {found})' },
  atLeastHint: { en: 'use a number >= {limit}', ko: '{limit} 이상인 숫자를 쓰세요' },
  atMostHint: { en: 'use a number <= {limit}', ko: '{limit} 이하인 숫자를 쓰세요' },
  notValid: { en: '{path}: {message}', ko: '{path}: 올바르지 않아요 ({message})' },
  isNotValid: { en: 'is not valid', ko: '올바르지 않은 값' },

  // semantic checks (validate.ts)
  unknownKind: { en: 'unknown kind `{kind}`', ko: '알 수 없는 kind예요: `{kind}`' },
  knownKinds: { en: 'known kinds: {kinds}', ko: '쓸 수 있는 kind: {kinds}' },
  actionKind: { en: 'this action does not work on {kind}', ko: '이 동작은 {kind}에 쓸 수 없어요' },
  useOneOf: { en: 'use one of: {kinds}', ko: '다음 중 하나를 쓰세요: {kinds}' },
  badSelector: { en: 'bad label selector {value}: {message}', ko: '레이블 셀렉터가 잘못됐어요 ({value}): {message}' },
  badSelectorHint: { en: 'write requirements like `app=nginx,tier!=db,env in (a,b)`', ko: '`app=nginx,tier!=db,env in (a,b)`처럼 조건을 쓰세요' },
  badFieldSelector: { en: 'bad field selector: {message}', ko: '필드 셀렉터가 잘못됐어요: {message}' },
  badFieldSelectorHint: {
    en: 'write requirements like `spec.nodeName=worker0,status.phase!=Running`',
    ko: '`spec.nodeName=worker0,status.phase!=Running`처럼 조건을 쓰세요',
  },
  badDuration: { en: 'bad duration {value}', ko: '시간 값이 잘못됐어요: {value}' },
  badDurationHint: { en: 'write a duration such as `30s`, `5m`, `1h30m` or `250ms`', ko: '`30s`, `5m`, `1h30m`, `250ms` 같은 시간을 쓰세요' },
  badRegex: { en: 'regular expression {regex} does not compile: {why}', ko: '정규식 {regex}에 오류가 있어요: {why}' },
  badRegexHint: {
    en: 'fix the expression, or escape the slashes to mean the text itself',
    ko: '정규식을 고치거나, 텍스트 그대로를 뜻한다면 슬래시를 이스케이프하세요',
  },
  containsList: { en: '`contains` takes a list of elements', ko: '`contains`에는 항목의 목록을 써야 해요' },
  containsListHint: { en: 'write `{ contains: [ ... ] }`', ko: '`{ contains: [ ... ] }`처럼 쓰세요' },
  minOverMax: { en: 'min {min} is greater than max {max}', ko: 'min 값({min})이 max 값({max})보다 커요' },
  swap: { en: 'swap them', ko: '두 값을 바꾸세요' },
  absolutePath: { en: '{path}: absolute paths are not allowed', ko: '{path}: 절대 경로는 쓸 수 없어요' },
  absolutePathHint: { en: 'name the file relative to the spec (or submission) folder', ko: '스펙 (또는 제출) 폴더 기준의 상대 경로로 쓰세요' },
  leavesFolder: { en: "{path}: the path leaves its folder ('..' is not allowed)", ko: "{path}: 경로가 폴더 밖으로 나가요 ('..'은 쓸 수 없어요)" },
  leavesFolderHint: { en: 'keep manifests inside the spec (or submission) folder', ko: '매니페스트는 스펙 (또는 제출) 폴더 안에 두세요' },
  nodeTwice: { en: 'node `{name}` is listed twice', ko: '같은 노드 이름이 두 번 나와요: `{name}`' },
  nodeTwiceHint: { en: 'give every node its own name', ko: '노드마다 다른 이름을 붙이세요' },
  pointsOver: {
    en: "the steps' own points ({own}) add up to more than the spec's points ({points})",
    ko: '단계에 준 점수의 합({own})이 스펙의 점수({points})보다 커요',
  },
  pointsOverHint: { en: "raise the spec's points or lower the steps'", ko: '스펙의 점수를 올리거나 단계의 점수를 낮추세요' },
  pointsUnder: {
    en: "the steps' own points ({own}) add up to less than the spec's points ({points}), and no step is left to take the rest",
    ko: '단계에 준 점수의 합({own})이 스펙의 점수({points})보다 작은데, 나머지 점수를 받을 단계가 없어요',
  },
  pointsUnderHint: { en: "make them agree, or leave the spec's `points` out", ko: '두 값을 맞추거나 스펙의 `points`를 빼세요' },
  emptyCommand: { en: 'the command line is empty', ko: '명령줄이 비어 있어요' },
  emptyCommandHint: { en: 'write a command, e.g. `kubectl: get pods`', ko: '명령을 쓰세요 (예: `kubectl: get pods`)' },
  unreadableCommand: { en: 'cannot read the command line: {message}', ko: '명령줄을 읽을 수 없어요: {message}' },
  shellSyntax: {
    en: 'shell syntax `{op}` in a kubectl step: kubespec runs one kubectl command, not a shell, and would pass it to kubectl as an argument',
    ko: 'kubectl 단계에 셸 문법 `{op}`이(가) 있어요. kubespec은 셸이 아니라 kubectl 명령 하나만 실행하므로 이 기호도 kubectl 인수로 넘어가요',
  },
  shellSyntaxHint: {
    en: 'split the step (one `kubectl:` per command), or match what it prints with `output:` (a /regex/ does what grep would); quote the character if kubectl itself should get it',
    ko: '명령마다 `kubectl:` 단계를 나누거나, 출력은 `output:`으로 맞춰 보세요(grep 대신 /정규식/). kubectl에 그 문자를 그대로 넘기려면 따옴표로 감싸세요',
  },
  unreadableCommandHint: { en: 'close every quote, or quote the YAML value itself', ko: '따옴표를 모두 닫거나, YAML 값 전체를 따옴표로 감싸세요' },
  settleOnWait: {
    en: '`settle: false` has no effect on a `wait` step: waiting always lets the cluster run',
    ko: '`wait` 단계에서는 `settle: false`가 아무 효과가 없어요. 기다리는 동안 클러스터는 늘 동작해요',
  },
  settleOnWaitHint: { en: 'remove `settle: false`', ko: '`settle: false`를 지우세요' },
  deleteFileWith: {
    en: '`file` names the objects itself; `{key}` cannot go with it',
    ko: '`file` 키가 대상 객체를 정하므로 `{key}` 키는 함께 쓸 수 없어요',
  },
  removeKeys: { en: 'remove {keys}', ko: '다음 키를 지우세요: {keys}' },
  deleteNeeds: {
    en: '`delete` needs `kind` (with `name` or `selector`) or `file`',
    ko: '`delete`에는 `kind` 키(`name` 또는 `selector`와 함께)나 `file` 키가 필요해요',
  },
  deleteNeedsHint: { en: 'add `kind: Pod` and `name:` or `selector:`', ko: '`kind: Pod` 줄과, `name:` 또는 `selector:` 줄을 넣으세요' },
  nameOrSelector: { en: '`{action}` takes `name` or `selector`, not both', ko: '`{action}`에는 `name`과 `selector` 중 하나만 써요' },
  removeOne: { en: 'remove one of them', ko: '둘 중 하나를 지우세요' },
  deleteNeedsName: { en: '`delete` needs `name` or `selector` beside `kind`', ko: '`delete`에는 `kind`와 함께 `name` 또는 `selector`가 필요해요' },
  addNameOrSelector: { en: 'add `name: ...` or `selector: app=...`', ko: '`name: ...` 또는 `selector: app=...` 줄을 넣으세요' },
  toRevision: { en: '`toRevision` only goes with `action: undo`', ko: '`toRevision`은 `action: undo`와 함께만 쓸 수 있어요' },
  toRevisionHint: { en: 'remove `toRevision`', ko: '`toRevision` 키를 지우세요' },
  labelNeeds: { en: '`label` needs `name` or `selector`', ko: '`label`에는 `name` 또는 `selector`가 필요해요' },
  labelNothing: { en: '`label` changes nothing', ko: '`label`이 바꾸는 것이 없어요' },
  labelNothingHint: { en: 'add `set: { key: value }` or `remove: [key]`', ko: '`set: { key: value }` 또는 `remove: [key]`를 넣으세요' },
  noSuchNode: { en: "no node `{name}` in this spec's cluster", ko: '이 스펙의 클러스터에는 `{name}` 노드가 없어요' },
  nodeNothing: { en: '`node` changes nothing', ko: '`node`가 바꾸는 것이 없어요' },
  nodeNothingHint: { en: 'add `ready: false` (or `true`)', ko: '`ready: false` (또는 `true`) 줄을 넣으세요' },
  jsonPatchList: { en: 'a JSON patch is a list of operations', ko: 'JSON 패치는 연산의 목록이어야 해요' },
  jsonPatchListHint: { en: 'write `patch: [{ op: replace, path: /spec/replicas, value: 3 }]`', ko: '`patch: [{ op: replace, path: /spec/replicas, value: 3 }]`처럼 쓰세요' },
  patchMap: { en: 'a {type} patch is a map', ko: '{type} 패치는 맵이어야 해요' },
  patchMapHint: { en: 'write the fields to change, or set `type: json`', ko: '바꿀 필드를 쓰거나 `type: json`으로 지정하세요' },
  reachesAndFails: { en: '`reaches` and `fails` cannot both hold', ko: '`reaches`와 `fails`는 동시에 성립할 수 없어요' },
  keepOne: { en: 'keep one of them', ko: '둘 중 하나만 남기세요' },
  outputThroughout: {
    en: '`output` and `exitCode` are checked once, after the command; they cannot go in `throughout`',
    ko: '`output`과 `exitCode`는 명령이 끝난 뒤 한 번만 검사하므로 `throughout`에 넣을 수 없어요',
  },
  outputThroughoutHint: { en: 'move this assertion to `expect`', ko: '이 검사 항목을 `expect`로 옮기세요' },
  outputNotKubectl: {
    en: "`output` and `exitCode` check a `kubectl` step's printed output; this step's action is `{action}`",
    ko: '`output`과 `exitCode`는 `kubectl` 단계의 출력을 검사해요. 이 단계의 동작은 `{action}`이에요',
  },
  editNotKubectl: { en: "`edit` scripts the editor of a `kubectl: edit ...` step; this step's action is `{action}`", ko: '`edit`는 `kubectl: edit ...` 단계의 편집기를 대신해요. 이 단계의 동작은 `{action}`이에요' },
  editNotKubectlHint: { en: 'write the action as `kubectl: edit TYPE NAME`, or remove `edit`', ko: '동작을 `kubectl: edit TYPE NAME`으로 쓰거나 `edit`를 지우세요' },
  outputNotKubectlHint: { en: 'write the action as `kubectl: ...` to check its output', ko: '출력을 검사하려면 동작을 `kubectl: ...`로 쓰세요' },
  absentCount: { en: '`absent: true` already means `count: 0`', ko: '`absent: true`가 이미 `count: 0`이라는 뜻이에요' },
  absentCountHint: { en: 'keep only one of `absent` and `count`', ko: '`absent`와 `count` 중 하나만 남기세요' },
  absentMatch: {
    en: 'with `absent: true` nothing is selected, so `match` can never fail',
    ko: '`absent: true`이면 선택되는 객체가 없으니 `match`는 절대 실패하지 않아요',
  },
  absentMatchHint: { en: 'remove `match`, or `absent`', ko: '`match`나 `absent`를 지우세요' },

  // validate --strict (strict.ts)
  looseOwnership: {
    en: (p: Params) =>
      `steps[${p.index}]: ${p.kind}s selected by label could be ones the student created directly (a bare ${p.kind} or one beside the object the exercise asks for); pin who owns them: ownedBy: { kind: ${p.owner}, name: ... } on this assertion, or on one about the ${p.owner}s (see docs/grading.md)`,
    ko: (p: Params) =>
      `steps[${p.index}]: 레이블로 고른 ${p.kind} 객체는 학생이 직접 만든 것일 수도 있어요 (소유자 없는 ${p.kind}, 또는 과제가 요구한 객체와 따로 만든 것). 소유자를 고정하려면 이 검사 항목이나 ${p.owner} 검사 항목에 ownedBy: { kind: ${p.owner}, name: ... } 설정을 넣으세요 (docs/grading.md 참고)`,
  },
});

/** The schema's `x-expected` texts (spec/schema.ts), each with the message that says it in every language. */
export const EXPECTED_FORMS: Readonly<Record<string, keyof typeof loadMessages>> = {
  'a duration such as `30s`, `5m`, `1h30m` or `250ms`, or a number of seconds': 'expectedDuration',
  '`all`, `oldest`, `newest`, or a 0-based index': 'expectedPick',
  'a file name, a list of file names, or `{ manifest: <object or YAML text> }`': 'expectedManifest',
  'a number, or `{ min: N, max: M }`': 'expectedCount',
  '`none` or `{ kind: ReplicaSet, name: ... }`': 'expectedOwnedBy',
  '`{ nodePort: N, node?: NAME }` or `{ service: NAME, port: N }`': 'expectedRequest',
  '`true`, `false` or `unknown`': 'expectedCondition',
  'a node name or `{ name, controlPlane?, ip?, labels?, maxPods? }`': 'expectedNode',
};
