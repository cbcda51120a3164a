// The runner's own text: why a step failed or was skipped (a manifest that did not apply, a file
// not handed in, an action that should have failed), the budgets a spec ran out of, and the specs
// that could not be loaded. Kubernetes' and kubectl's words inside these stay English.
import { defineMessages, type Params } from '../index';

export const runnerMessages = defineMessages({
  clusterCouldNotStart: { en: 'the cluster could not start: {error}', ko: '클러스터를 시작할 수 없어요: {error}' },
  wallBudget: { en: 'the spec ran longer than its wall-clock budget of {limit}', ko: '스펙 실행 시간이 제한({limit})을 넘었어요' },
  wallBudgetDetail: {
    en: 'the spec ran longer than its wall-clock budget of {limit} ({reconciles} reconciles, {simulated} simulated)',
    ko: '스펙 실행 시간이 제한({limit})을 넘었어요 (reconcile {reconciles}회, 시뮬레이션 시간 {simulated})',
  },
  notInSubmission: { en: '{file} is not in your submission', ko: '제출물에 {file} 파일이 없어요' },
  notInSubmissionOrSpec: { en: '{file}: no such file in your submission or beside the spec', ko: '{file}: 제출물에도 스펙 폴더에도 없는 파일이에요' },
  nearMiss: { en: ' (it has {near}: the spec reads {file})', ko: ' (제출물에는 {near} 파일이 있어요. 스펙은 {file} 파일을 읽어요)' },
  didNotSettleReconciles: {
    en: 'the cluster did not settle after {max} reconciles: {busy} still busy',
    ko: 'reconcile {max}회 뒤에도 클러스터가 안정되지 않았어요: {busy} 아직 처리 중',
  },
  didNotSettleTime: {
    en: "the cluster did not settle within the spec's simulated-time budget of {limit}: {busy} still waiting",
    ko: '스펙의 시뮬레이션 시간 제한 {limit} 안에 클러스터가 안정되지 않았어요: {busy} 아직 대기 중',
  },
  noController: { en: 'no controller', ko: '컨트롤러 없음' },
  earlierDidNotSettle: { en: 'an earlier step did not settle: {message}', ko: '앞 단계에서 클러스터가 안정되지 않았어요: {message}' },
  internalError: { en: 'internal error {during}: {error}', ko: '내부 오류({during}): {error}' },
  whileWaiting: { en: 'while waiting', ko: '대기 중' },
  whileRunning: { en: 'while running the {action} action', ko: '{action} 동작 실행 중' },
  whileSettling: { en: 'while the cluster settled', ko: '클러스터 안정화 중' },
  /** `{reason} {during}`: a budget spent during the action, waiting or settling. */
  reasonDuring: { en: '{reason} {during}', ko: '{reason} ({during})' },
  waitPastBudget: {
    en: 'waiting {wait} would take the spec past its simulated-time budget of {limit} ({used} used)',
    ko: '{wait} 대기하면 스펙의 시뮬레이션 시간 제한({limit})을 넘어요 ({used} 사용함)',
  },
  simulatedBudgetExceeded: { en: 'an earlier step exceeded the simulated-time budget', ko: '앞 단계가 시뮬레이션 시간 제한을 넘었어요' },
  expectedFailureSucceeded: { en: 'expected the action to fail with {want}, but it succeeded', ko: '동작이 실패하고 {want} 오류가 나야 하는데 성공했어요' },
  expectedOtherFailure: { en: 'expected the action to fail with {want}, but it failed with: {got}', ko: '동작이 실패하고 {want} 오류가 나야 하는데 다른 오류가 났어요: {got}' },
  exitCodeText: { en: 'exit code {code}', ko: '종료 코드 {code}' },
  kubectlExited: { en: 'kubectl exited with code {code}: {error}', ko: 'kubectl 실패 (종료 코드 {code}): {error}' },
  didNotApply: { en: '{file} did not apply (see above)', ko: '{file} 적용 실패(위 참조)' },
  throughoutAt: { en: 'at {time}: {message}', ko: '{time} 시점: {message}' },
  // `eventually` (eventually.ts) and `${NAME}` references (variables.ts).
  eventuallyNever: {
    en: (p: Params) => `no state matched while the step settled (${p.states} state${Number(p.states) === 1 ? '' : 's'} seen); the closest, at ${p.time}: ${p.message}`,
    ko: (p: Params) => `단계가 안정되는 동안 맞는 상태가 한 번도 없었어요 (살펴본 상태 ${p.states}개). 가장 가까웠던 ${p.time} 시점: ${p.message}`,
  },
  eventuallyNoState: { en: 'the step stopped before any state could be checked', ko: '상태를 하나도 검사하기 전에 단계가 멈췄어요' },
  referenceNoValue: { en: '`${{name}}` has no value: {reason}', ko: '`${{name}}`에 값이 없어요: {reason}' },
  referenceNotCaptured: { en: 'no earlier assertion captured it', ko: '앞선 검사 중 이 값을 기록(capture)한 것이 없어요' },
  referenceBuild: { en: 'with its references in place, the step is not valid: {error}', ko: '참조를 값으로 바꾸고 나니 단계가 올바르지 않아요: {error}' },

  // Loading (runner/index.ts).
  badFilter: { en: 'the filter {filter} is not a valid regular expression: {why}', ko: '필터 {filter}: 올바른 정규식이 아니에요: {why}' },
  couldNotLoad: { en: 'the spec could not be loaded', ko: '스펙을 읽을 수 없어요' },
  moreProblems: {
    en: (p: Params) => ` (and ${p.n} more problem${Number(p.n) > 1 ? 's' : ''})`,
    ko: (p: Params) => ` (외 문제 ${p.n}개)`,
  },
  // Specs left out of a run (select.ts): each the reason a skipped spec is reported with.
  skipInSpec: { en: 'the spec says `skip: true`', ko: '스펙에 `skip: true`가 있어요' },
  skipOnly: { en: 'another spec is marked `only: true`', ko: '다른 스펙에 `only: true`가 있어요' },
  skipNotTagged: { en: 'not tagged {tags} (--tag)', ko: '{tags} 태그가 없어요 (--tag)' },
  skipExcludedTag: { en: 'tagged {tag} (--exclude-tag)', ko: '{tag} 태그가 있어요 (--exclude-tag)' },
  skipExcluded: { en: '--exclude {pattern} names it', ko: '--exclude {pattern}에 해당해요' },
  noSuchPath: { en: '{path}: no such file or folder', ko: '{path}: 그런 파일이나 폴더가 없어요' },
});
