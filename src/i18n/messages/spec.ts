// The text of steps and assertions: default step names (`apply nginx-deploy.yaml`), what an
// assertion selects, count and field mismatches, kubectl output and request checks, and the
// manifest hints under Kubernetes' words. Kubernetes' own names (Pod, Deployment, selector,
// fieldSelector, nodePort) stay as they are in both languages.
import { defineMessages, type Params } from '../index';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const specMessages = defineMessages({
  // Default step names (summary.ts). `{ns}` is ` -n NS` or empty, `{pick}` a pick or empty.
  actApplyFiles: { en: 'apply {files}', ko: '{files} 적용' },
  actCreateFiles: { en: 'create {files}', ko: '{files} 생성' },
  actApplyInline: { en: 'apply inline manifest{what}', ko: '인라인 매니페스트 적용{what}' },
  actCreateInline: { en: 'create inline manifest{what}', ko: '인라인 매니페스트 생성{what}' },
  actDeleteFile: { en: 'delete -f {file}{cascade}', ko: '{file}의 객체 삭제{cascade}' },
  actDelete: { en: 'delete {target}{pick}{ns}{cascade}', ko: '{target}{pick}{ns} 삭제{cascade}' },
  actScale: { en: 'scale {target} to {replicas}{ns}', ko: '{target}{ns} 레플리카 {replicas}개로 스케일' },
  actSetImage: { en: 'set image {target} {change}{ns}', ko: '{target}{ns} 이미지 변경: {change}' },
  actRollout: {
    en: (p: Params) => `rollout ${p.action} ${p.target}${p.revision}${p.ns}`,
    ko: (p: Params) => `${p.target}${p.ns} 롤아웃 ${ROLLOUT_KO[String(p.action)] ?? p.action}${p.revision}`,
  },
  actLabel: { en: 'label {target}{pick} {changes}{ns}', ko: '{target}{pick}{ns} 레이블 변경: {changes}' },
  actWait: { en: 'wait {time}', ko: '{time} 대기' },
  actNode: { en: 'node {name} {changes}', ko: '노드 {name}: {changes}' },
  nodeUnreachable: { en: 'unreachable', ko: '응답 없음(Unknown)으로 전환' },
  nodeReady: { en: 'ready', ko: 'Ready로 복구' },
  nodeNotReady: { en: 'not ready', ko: 'NotReady로 전환' },
  nodeCordoned: { en: 'cordoned', ko: 'cordon 처리' },
  nodeUncordoned: { en: 'uncordoned', ko: 'uncordon 처리' },
  actPatch: { en: 'patch {target} ({type}){ns}', ko: '{target}{ns} 패치 ({type})' },
  pickByAge: { en: ' (#{n} by age)', ko: ' (생성 순 #{n})' },
  pickOldest: { en: ' (oldest)', ko: ' (가장 오래된 것)' },
  pickNewest: { en: ' (newest)', ko: ' (가장 최근 것)' },

  // kubespec's words beside kubectl's in an action's output or error (actions/).
  documentIsAMap: { en: '(a manifest document is a map with apiVersion, kind and metadata)', ko: '(매니페스트 문서는 apiVersion, kind, metadata가 있는 맵이어야 해요)' },
  servedAs: { en: '({kind} is served as apiVersion {version})', ko: '({kind}에 맞는 apiVersion은 {version}이에요)' },
  imageAlready: { en: '{target}: image already {image}', ko: '{target}: 이미 {image} 이미지예요' },

  // `pick` in an action (actions/target.ts).
  pickTheOldest: { en: 'the oldest', ko: '가장 오래된 것' },
  pickTheNewest: { en: 'the newest', ko: '가장 최근 것' },
  pickInNamespace: { en: ' in namespace {ns}', ko: ' (네임스페이스 {ns})' },
  pickNone: {
    en: (p: Params) => `cannot pick ${p.which}: no ${p.kinds} match selector ${p.selector}${p.ns}`,
    ko: (p: Params) => `${p.which} 선택 불가: 셀렉터 ${p.selector}${p.ns}에 맞는 ${p.kind} 없음`,
  },
  pickTooFew: {
    en: (p: Params) => `cannot pick ${p.which}: only ${p.n} ${p.kinds} match selector ${p.selector}${p.ns} (indexes start at 0)`,
    ko: (p: Params) => `${p.which} 선택 불가: 셀렉터 ${p.selector}${p.ns}에 맞는 ${p.kind} ${p.n}개뿐 (번호는 0부터 시작)`,
  },

  // What an assertion selects (`Pod selector=app=nginx in namespace x`).
  inAllNamespaces: { en: 'in all namespaces', ko: '모든 네임스페이스' },
  inNamespace: { en: 'in namespace {ns}', ko: '네임스페이스 {ns}' },
  whereClause: { en: 'where {where}', ko: '조건(where) {where}' },

  // Counting a selection (object.ts). `{what}` is the kind with what narrows it.
  phraseNamed: { en: ' named {name}', ko: '이름 {name}' },
  phraseSelector: { en: ' with selector {selector}', ko: '셀렉터 {selector}' },
  everything: { en: '(everything)', ko: '(전체)' },
  phraseFields: {
    en: (p: Params) => `${p.and ? ' and' : ' with'} fields ${p.fields}`,
    ko: (p: Params) => `필드 ${p.fields}`,
  },
  phraseAnyNamespace: { en: ' in any namespace', ko: '모든 네임스페이스' },
  phraseNamespace: { en: ' in namespace {ns}', ko: '네임스페이스 {ns}' },
  phraseWhere: { en: ' where {where}', ko: '조건 {where}' },
  expectedNone: { en: 'expected no {what}, {found}', ko: '{what}: 없어야 하는데 실제 {found}' },
  expectedExist: { en: 'expected {kind} {name} to exist, {found}', ko: '{kind} {name}: 있어야 하는데 {found}' },
  expectedOne: { en: 'expected at least one {what}, {found}', ko: '{what}: 기대 1개 이상, 실제 {found}' },
  expectedCount: { en: 'expected {n} {what}, {found}', ko: '{what} 개수: 기대 {n}개, 실제 {found}' },
  expectedBetween: { en: 'expected between {min} and {max} {what}, {found}', ko: '{what} 개수: 기대 {min}~{max}개, 실제 {found}' },
  expectedAtLeast: { en: 'expected at least {min} {what}, {found}', ko: '{what} 개수: 기대 {min}개 이상, 실제 {found}' },
  expectedAtMost: { en: 'expected at most {max} {what}, {found}', ko: '{what} 개수: 기대 {max}개 이하, 실제 {found}' },
  foundNone: { en: 'found none', ko: '없음' },
  foundSome: { en: 'found {n}: {names}', ko: '{n}개: {names}' },
  leftOutByWhere: { en: ' ({n} more left out by `where`: {names})', ko: ' (`where`로 제외된 {n}개: {names})' },
  doesNotMatch: {
    en: (p: Params) => `${p.kind} ${p.name} does not match: ${p.field}${Number(p.more) > 0 ? ` (and ${p.more} more field${Number(p.more) > 1 ? 's' : ''})` : ''}`,
    ko: (p: Params) => `${p.kind} ${p.name} 불일치: ${p.field}${Number(p.more) > 0 ? ` (외 필드 ${p.more}개)` : ''}`,
  },
  everyMustMatch: {
    en: (p: Params) => `expected every one of ${p.n} ${p.what} to match; ${p.failing} do${Number(p.failing) === 1 ? 'es' : ''} not: ${p.names} (${p.first}: ${p.field})`,
    ko: (p: Params) => `${p.what} ${p.n}개가 모두 일치해야 하지만 ${p.failing}개 불일치: ${p.names} (${p.first}: ${p.field})`,
  },
  andMoreNames: { en: '{names} and {n} more', ko: '{names} 외 {n}개' },
  andMoreSelected: { en: '... and {n} more', ko: '... 외 {n}개' },
  moreObjectsDiffer: { en: '... {n} more objects do not match', ko: '... 일치하지 않는 객체 {n}개 더 있음' },

  // One field (fieldLine) and the notes on a mismatch (match.ts).
  fieldMissing: { en: '{path}: expected {expected}, but it is missing', ko: '{path}: 없음 (기대값 {expected})' },
  fieldNoteFound: { en: '{path}: {note}, found {actual}', ko: '{path}: {note} (실제값 {actual})' },
  fieldNoteAside: { en: '{path}: {note} (found {actual})', ko: '{path}: {note} (실제값 {actual})' },
  fieldNote: { en: '{path}: {note}', ko: '{path}: {note}' },
  fieldDiffers: { en: '{path}: expected {expected}, found {actual}', ko: '{path}: 기대값 {expected}, 실제값 {actual}' },
  noteMissing: { en: 'missing', ko: '없음' },
  noteAbsentOrNull: { en: 'expected absent or null', ko: '없거나 null이어야 함' },
  noteRegexOnScalars: { en: 'a regular expression matches text, numbers and booleans, not {kind}', ko: '정규식은 문자열, 숫자, 불리언에만 쓸 수 있음 (실제: {kind})' },
  noteNoRegexMatch: { en: 'does not match {re}', ko: '{re}에 맞지 않음' },
  noteWrongType: { en: 'expected a {type}, found {kind}', ko: '{type} 값이어야 함 (실제: {kind})' },
  noteBounds: { en: 'expected {bounds}', ko: '{bounds}의 값이어야 함' },
  noteNumberBounds: { en: 'expected a number {bounds}, found {kind}', ko: '{bounds}의 숫자여야 함 (실제: {kind})' },
  noteList: { en: 'expected a list, found {kind}', ko: '리스트여야 함 (실제: {kind})' },
  noteMap: { en: 'expected a map, found {kind}', ko: '맵이어야 함 (실제: {kind})' },
  noteElements: {
    en: (p: Params) => `expected ${p.n} element${Number(p.n) === 1 ? '' : 's'}, found ${p.found}`,
    ko: (p: Params) => `요소가 ${p.n}개여야 함`,
  },
  noteNoElement: { en: 'no element matches', ko: '맞는 요소가 없음' },
  noteEmptyList: { en: 'the list is empty', ko: '리스트가 비어 있음' },
  // `{ exists: true|false }`, `{ any: [...] }` and `not:` (match.ts, object.ts).
  existsPresent: { en: '(present, any value)', ko: '(있음, 값은 무엇이든)' },
  existsAbsent: { en: '(absent)', ko: '(없음)' },
  anyOf: { en: 'any of: {alternatives}', ko: '다음 중 하나: {alternatives}' },
  noteShouldBeAbsent: { en: 'expected absent', ko: '없어야 함' },
  noteNoAlternative: {
    en: (p: Params) => `matches none of the ${p.n} alternative${s(p.n, '', 's')}`,
    ko: (p: Params) => `대안 ${p.n}개 중 맞는 것이 없음`,
  },
  noteMatchesNot: { en: 'matches `not: {not}`, which it must not', ko: '`not: {not}`에 맞으면 안 되는데 맞음' },
  moreElements: { en: '... {n} more', ko: '... {n}개 더' },
  boundsBetween: { en: 'between {min} and {max}', ko: '{min} 이상 {max} 이하' },
  boundsAtLeast: { en: 'at least {min}', ko: '{min} 이상' },
  boundsAtMost: { en: 'at most {max}', ko: '{max} 이하' },
  kindMissing: { en: 'missing', ko: '없음' },
  kindList: { en: 'a list', ko: '리스트' },
  kindMap: { en: 'a map', ko: '맵' },
  typeString: { en: 'string', ko: '문자열' },
  typeNumber: { en: 'number', ko: '숫자' },
  typeBoolean: { en: 'boolean', ko: '불리언' },
  noteNoOwner: { en: 'expected no owner', ko: '소유자가 없어야 함' },
  noteOwnerMissing: { en: 'the owner {kind} {name} does not exist', ko: '소유자 {kind} {name} 없음' },
  noteNoController: { en: 'no controller ownerReference', ko: 'controller ownerReference가 없음' },
  noteEarlierOwner: {
    en: 'controlled by an earlier {kind} {name} (uid {old}), not the current one (uid {uid})',
    ko: '관리 주체가 예전 {kind} {name}임 (uid {old}, 지금 것은 uid {uid})',
  },
  noteControlledBy: { en: 'controlled by {kind} {name}', ko: '관리 주체: {kind} {name}' },
  // `ownedBy` with a `/regex/` name or none, `transitive`, `controller: false` (object.ts ownerSearch).
  noteNotOwner: { en: 'not owned by {wanted} (its owner: {chain})', ko: '{wanted} 소유가 아님 (소유자: {chain})' },
  noteNotAmongOwners: { en: 'no {wanted} up its chain of owners ({chain})', ko: '소유자를 따라 올라가도 {wanted} 없음 ({chain})' },
  ownerAnyName: { en: '{kind} (any name)', ko: '{kind}(이름 무관)' },
  chainNoOwner: { en: 'no owner', ko: '소유자 없음' },
  chainNoController: { en: 'no controller', ko: 'controller 없음' },
  chainGone: { en: '{kind} {name}, which no longer exists', ko: '{kind} {name}(지금은 없음)' },
  chainMore: { en: ' (+{n} more)', ko: ' (외 {n}개)' },
  // `capture:` (object.ts captureValues, capture.ts): why a name has no value.
  captureNothingSelected: { en: 'the assertion that captures it ({at}) selected no {what}', ko: '값을 기록하는 검사({at})가 아무것도 선택하지 못했어요: {what}' },
  captureBadPath: { en: '`{field}` is not a field path ({at})', ko: '`{field}`: 필드 경로가 아니에요 ({at})' },
  captureFieldMissing: { en: '{object} has no {field}', ko: '{object}에 {field} 필드가 없어요' },
  captureNotScalar: { en: "{object}'s {field} is a map or a list, not a value to put in a string", ko: '{object}의 {field}: 맵이나 리스트라서 문자열에 넣을 수 없어요' },

  // Diffs (diff.ts): the labels of its `---`/`+++` lines, and what a long diff leaves out.
  expectedLabel: { en: 'expected', ko: '기대값' },
  actualLabel: { en: 'actual', ko: '실제값' },
  notCompared: {
    en: '... not compared: {expected} more lines of {expectedLabel}, {actual} more lines of {actualLabel}',
    ko: '... 비교하지 않음: {expectedLabel} {expected}줄, {actualLabel} {actual}줄 더 있음',
  },
  diffMoreLines: { en: '... {n} more lines', ko: '... {n}줄 더 있음' },

  // kubectl output (output.ts).
  noOutput: { en: 'this step ran no kubectl command, so it has no output to check', ko: '이 단계는 kubectl 명령을 실행하지 않아서 확인할 출력이 없어요' },
  exitCodeDiffers: {
    en: (p: Params) => `expected exit code ${p.expected}, got ${p.actual}${p.err ? ` (${p.err})` : ''}`,
    ko: (p: Params) => `종료 코드: 기대값 ${p.expected}, 실제값 ${p.actual}${p.err ? ` (${p.err})` : ''}`,
  },
  noteOutputRegex: { en: 'does not match {re}', ko: '{re}에 맞지 않음' },
  noteOutputText: { en: 'does not contain the text', ko: '해당 텍스트 없음' },
  outputMatch: { en: 'expected the output to match {pattern}', ko: '출력이 {pattern}에 맞아야 해요' },
  outputContain: { en: 'expected the output to contain {pattern}', ko: '출력에 {pattern} 텍스트가 있어야 해요' },
  kubectlOutput: { en: 'kubectl output', ko: 'kubectl 출력' },
  expectedOutput: { en: 'expected output', ko: '기대한 출력' },
  actualOutput: { en: 'actual output', ko: '실제 출력' },

  // Requests (request.ts).
  targetNodePort: { en: 'nodePort {port}{node}', ko: 'nodePort {port}번{node}' },
  onNode: { en: ' on {node}', ko: ' (노드 {node})' },
  targetService: { en: 'service {service} port {port}{ns}', ko: 'Service {service} 포트 {port}{ns}' },
  targetNamespace: { en: ' in namespace {ns}', ko: ' (네임스페이스 {ns})' },
  requestsTo: {
    en: (p: Params) => `${p.n} request${s(p.n, '', 's')} to ${p.target}`,
    ko: (p: Params) => `${p.target}에 보낸 요청 ${p.n}개`,
  },
  requestSelection: { en: 'requests to {target} ×{n}', ko: '{target}에 보낸 요청 ×{n}' },
  requestsShouldFail: {
    en: (p: Params) => `expected ${p.what} to fail, but ${p.answered} ${Number(p.answered) === 1 ? 'was' : 'were'} answered (by ${p.by})`,
    ko: (p: Params) => `${p.what}: 모두 실패해야 하지만 ${p.answered}개가 응답을 받았어요 (${p.by})`,
  },
  requestsFailed: { en: '{n} failed ({reasons})', ko: '{n}개 실패 — {reasons}' },
  answeredByStrangers: {
    en: (p: Params) => `${p.n} ${Number(p.n) === 1 ? 'was' : 'were'} answered by pods without ${p.selector} (${p.by})`,
    ko: (p: Params) => `${p.n}개는 ${p.selector} 레이블이 없는 Pod가 응답함 (${p.by})`,
  },
  noReadyPod: { en: 'no ready pod matches {selector}', ko: '{selector}에 맞는 Ready Pod가 없음' },
  silentPods: { en: '{silent} of {ready} ready pods with {selector} never answered: {names}', ko: '{selector}인 Ready Pod {ready}개 중 {silent}개가 한 번도 응답하지 않음: {names}' },
  goalReach: {
    en: (p: Params) => `to reach pods with ${p.selector}${p.all ? ' (every ready one at least once)' : ''}`,
    ko: (p: Params) => `${p.selector}인 Pod${p.all ? '(Ready인 Pod 모두가 한 번 이상)' : ''}에 닿아야 함`,
  },
  goalAnswered: { en: 'to be answered', ko: '응답을 받아야 함' },
  fromNode: { en: ' from node {node}', ko: ' (노드 {node}에서)' },
  // `answers`, `sameBackend`, `body` (request.ts).
  shareOff: {
    en: 'pods with {selector} answered {count} of {n} ({share}), expected {bounds}',
    ko: '{selector}인 Pod의 응답이 {n}개 중 {count}개({share})인데, {bounds}여야 함',
  },
  notSameBackend: {
    en: (p: Params) => `the answers came from ${p.pods} pods (${p.by}), not from one${p.affinity ? ' (the Service has no sessionAffinity: ClientIP)' : ''}`,
    ko: (p: Params) => `응답한 Pod가 하나가 아니라 ${p.pods}개예요 (${p.by})${p.affinity ? ' (Service에 sessionAffinity: ClientIP가 없음)' : ''}`,
  },
  bodyNoText: {
    en: (p: Params) => `${p.n} answer${s(p.n, "'s body does", "s' bodies do")} not contain ${p.pattern} (${p.pod} answered ${p.excerpt})`,
    ko: (p: Params) => `응답 ${p.n}개의 본문에 ${p.pattern} 텍스트가 없음 (${p.pod}의 응답: ${p.excerpt})`,
  },
  bodyNoMatch: {
    en: (p: Params) => `${p.n} answer${s(p.n, "'s body does", "s' bodies do")} not match ${p.pattern} (${p.pod} answered ${p.excerpt})`,
    ko: (p: Params) => `응답 ${p.n}개의 본문이 ${p.pattern}에 맞지 않음 (${p.pod}의 응답: ${p.excerpt})`,
  },
  requestsProblem: {
    en: (p: Params) => `expected ${p.what} ${p.goal}: ${p.problems}${p.by ? `; answered by ${p.by}` : ''}`,
    ko: (p: Params) => `${p.what}: ${p.goal}. 실제: ${p.problems}${p.by ? `; 응답한 Pod: ${p.by}` : ''}`,
  },

  // Why a request failed (the cluster's routing words them; requestReason in request.ts).
  routeNoNode: { en: 'no such node "{node}"', ko: '노드 "{node}" 없음' },
  routeNodeNotReady: { en: 'connection timed out: node {node} is not Ready', ko: '연결 시간 초과: 노드 {node}: Ready 상태가 아님' },
  routeNoNodePort: { en: 'connection refused: no NodePort or LoadBalancer Service has nodePort {port}', ko: '연결 거부: nodePort {port}번을 쓰는 NodePort나 LoadBalancer Service가 없음' },
  routeNoReadyNode: { en: 'connection timed out: no node is Ready', ko: '연결 시간 초과: Ready 상태인 노드가 없음' },
  routeNoService: { en: 'service "{service}" not found', ko: 'Service "{service}" 없음' },
  routeExternalName: {
    en: 'service "{service}" is an ExternalName Service ({name}): kube-proxy does not route it',
    ko: 'Service "{service}": ExternalName Service({name})라서 kube-proxy가 전달하지 않음',
  },
  routeNoPort: { en: 'connection refused: service "{service}" has no port {port} (its ports: {ports})', ko: '연결 거부: Service "{service}"에 {port} 포트가 없음 (있는 포트: {ports})' },
  routeLocal: {
    en: 'connection timed out: externalTrafficPolicy Local and no ready endpoint of service {service} on node {node}',
    ko: '연결 시간 초과: externalTrafficPolicy가 Local인데 노드 {node}에 Service {service}의 Ready 엔드포인트가 없음',
  },
  routeNoEndpoints: {
    en: (p: Params) => `no endpoints: service ${p.service} has no ready endpoints for port ${p.port}${p.notReady ? ` (${p.notReady} not ready)` : ''}`,
    ko: (p: Params) => `엔드포인트 없음: Service ${p.service}의 ${p.port} 포트에 Ready 엔드포인트가 없음${p.notReady ? ` (준비되지 않은 엔드포인트 ${p.notReady}개)` : ''}`,
  },
  routeInternalLocal: {
    en: 'connection timed out: internalTrafficPolicy Local and no ready endpoint of service {service} on node {node}',
    ko: '연결 시간 초과: internalTrafficPolicy가 Local인데 노드 {node}에 Service {service}의 Ready 엔드포인트가 없음',
  },
  routeNothingAnswers: { en: 'connection refused: nothing answers at {address}', ko: '연결 거부: {address}에서 응답하는 것이 없음' },
  routeWrongPort: {
    en: 'connection refused: pod {pod} listens on {ports}, not {port}',
    ko: '연결 거부: Pod {pod}의 열린 포트는 {ports}인데 요청은 {port} 포트로 감',
  },
  routeNone: { en: 'none', ko: '없음' },
  routeHintSelector: { en: "check that the Service's selector matches the pods' labels", ko: 'Service의 selector가 Pod의 레이블과 맞는지 확인하세요.' },
  routeHintTargetPort: { en: "check that the Service's targetPort is the port the container listens on", ko: 'Service의 targetPort가 컨테이너가 실제로 여는 포트(containerPort)와 같은지 확인하세요.' },
  routeHintNodePort: { en: "check the Service's type and nodePort", ko: 'Service의 type이 NodePort인지, nodePort 값이 맞는지 확인하세요.' },
  routeNoListeningPort: { en: 'no port', ko: '없음' },

  // Hints under Kubernetes' words (hints.ts, suggest.ts). `hint:` is reportMessages.hintLabel.
  notAField: { en: '{field} is not a field of a {kind}: did you mean {near}?', ko: '{field} 필드는 {kind}에 없어요. 혹시 {near}인가요?' },
  kindCase: { en: 'kinds are written as Kubernetes writes them: kind: {kind}', ko: 'kind는 Kubernetes 표기대로 대소문자까지 맞춰 써야 해요: kind: {kind}' },
  kindVersion: { en: '{kind} is served as apiVersion: {version}', ko: '{kind}에 맞는 apiVersion은 {version}이에요: apiVersion: {version}' },
  didYouMean: { en: 'did you mean `{word}`?', ko: '혹시 `{word}`인가요?' },
  allowedWords: { en: '{noun}: {words}', ko: '{noun}: {words}' },
  allowedKeys: { en: 'allowed keys', ko: '쓸 수 있는 키' },
  nodes: { en: 'nodes', ko: '노드' },
  yamlTab: { en: '{at}: this line is indented with a tab; YAML indents with spaces only', ko: '{at}: 이 줄은 탭으로 들여쓰기되어 있어요. YAML은 공백으로만 들여써야 해요.' },
  yamlDuplicateKey: { en: '{at}: the key {key} is written twice in one map; keep one', ko: '{at}: 키 {key}: 한 맵에 두 번 썼어요. 하나만 남기세요.' },
  yamlDuplicate: { en: '{at}: a key is written twice in one map; keep one', ko: '{at}: 한 맵에 같은 키를 두 번 썼어요. 하나만 남기세요.' },
});

const ROLLOUT_KO: Record<string, string> = { undo: '되돌리기(undo)', restart: '재시작(restart)', pause: '일시 중지(pause)', resume: '재개(resume)' };
