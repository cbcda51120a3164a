// The HTML report's own words, in every language kubespec speaks (see src/i18n): the page's labels,
// the timeline's lanes, legend and table, the requests block and the class index. Kubernetes terms
// (ReplicaSet, Deployment, Service, endpoints), spec keys (`throughout`, `expect`) and names stay as
// they are written.
import { defineMessages, type Params } from '../../i18n';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const htmlMessages = defineMessages({
  title: { en: 'kubespec report', ko: 'kubespec 보고서' },
  titleFor: { en: 'kubespec report: {student}', ko: 'kubespec 보고서: {student}' },
  headline: {
    en: (p: Params) => `${p.n} spec${s(p.n, '', 's')} · score ${p.score} · seed ${p.seed} · timelines in simulated time, durations in wall-clock ms`,
    ko: (p: Params) => `스펙 ${p.n}개 · 점수 ${p.score} · 시드 ${p.seed} · 타임라인은 시뮬레이션 시간, 소요 시간은 실제 ms`,
  },
  specsNav: { en: 'Specs', ko: '스펙' },
  points: { en: '{score}/{max} pts', ko: '{score}/{max}점' },
  passed: { en: 'passed', ko: '통과' },
  failed: { en: 'failed', ko: '실패' },
  error: { en: 'error', ko: '오류' },
  skipped: { en: 'skipped', ko: '건너뜀' },
  action: { en: 'action:', ko: '동작:' },
  skippedBecause: { en: 'skipped: {reason}', ko: '건너뜀: {reason}' },
  kubectlOutput: { en: 'kubectl output', ko: 'kubectl 출력' },
  exitCode: { en: '(exit code {code})', ko: '(종료 코드 {code})' },
  nothingChanged: { en: 'Nothing changed in this step', ko: '이 단계에서는 바뀐 것이 없어요' },
  readyOf: { en: '{ready}/{desired} ready', ko: '{ready}/{desired} 준비됨' },

  // The timeline.
  timelineTitle: {
    en: (p: Params) => `Timeline of ${p.action}: ${p.n} state${s(p.n, '', 's')} from ${p.from} to ${p.to}`,
    ko: (p: Params) => `${p.action}의 타임라인: ${p.from}부터 ${p.to}까지 상태 ${p.n}개`,
  },
  podsLane: { en: 'pods', ko: '파드' },
  podsWithoutReplicaSet: { en: 'pods without a ReplicaSet', ko: 'ReplicaSet 없는 파드' },
  revision: { en: 'rev {revs}', ko: '리비전 {revs}' },
  noImage: { en: 'no image', ko: '이미지 없음' },
  available: { en: 'available', ko: '사용 가능' },
  readyNotAvailable: { en: 'ready, not yet available', ko: '준비됨, 아직 사용 가능 아님' },
  starting: { en: 'not ready (starting, or its node is down)', ko: '준비 안 됨 (시작 중이거나 노드 장애)' },
  terminating: { en: 'terminating', ko: '종료 중' },
  desired: { en: 'desired replicas', ko: '원하는 레플리카 수' },
  settled: { en: 'settled', ko: '안정됨' },
  serviceEndpoints: { en: 'Service {service}: ready endpoints', ko: 'Service {service}: 준비된 엔드포인트' },
  endpointsOf: { en: '{service} endpoints: {who}', ko: '{service} 엔드포인트: {who}' },
  otherEndpoints: { en: 'other endpoints', ko: '그 밖의 엔드포인트' },
  throughoutLane: { en: 'throughout {n}', ko: 'throughout {n}' },
  heldEverywhere: { en: 'held at every state', ko: '모든 상태에서 지켜짐' },
  brokeAt: { en: 'broke at {time}', ko: '{time}에 어긋남' },
  heldAt: { en: 'held at {time}', ko: '{time}에 지켜짐' },
  eventuallyLane: { en: 'eventually {n}', ko: 'eventually {n}' },
  firstHeldAt: { en: 'first held at {time}', ko: '{time}에 처음 지켜짐' },
  neverHeld: { en: 'held at no state (closest at {time})', ko: '어느 상태에서도 지켜지지 않음 (가장 가까웠던 시점 {time})' },
  line: { en: 'line {n}', ko: '{n}행' },
  expectSummary: {
    en: (p: Params) => `expect, once settled at ${p.time}: ${p.held} held${Number(p.broke) ? `, ${p.broke} broke` : ''}`,
    ko: (p: Params) => `expect, ${p.time}에 안정된 뒤: ${p.held}개 지켜짐${Number(p.broke) ? `, ${p.broke}개 어긋남` : ''}`,
  },
  instant: {
    en: (p: Params) => `all at ${p.time}: ${p.n} state${s(p.n, '', 's')} in order, no simulated time passed`,
    ko: (p: Params) => `모두 ${p.time}: 상태 ${p.n}개를 순서대로, 시뮬레이션 시간은 흐르지 않음`,
  },
  simulatedTime: { en: 'simulated time', ko: '시뮬레이션 시간' },
  noPods: { en: 'No pods in this step.', ko: '이 단계에는 파드가 없어요.' },

  // Requests.
  requests: {
    en: (p: Params) => `${p.n} request${s(p.n, '', 's')}`,
    ko: (p: Params) => `요청 ${p.n}개`,
  },
  requestsTo: { en: 'to {target}', ko: '대상: {target}' },
  at: { en: 'at {time}', ko: '시각 {time}' },
  firstShown: { en: '(the first {n} shown)', ko: '(처음 {n}개만 표시)' },
  requestN: { en: 'request {i}: {who}', ko: '요청 {i}: {who}' },
  noAnswer: { en: 'no answer', ko: '응답 없음' },
  requestsLane: { en: 'requests {n}', ko: '요청 {n}' },
  requestLane: { en: 'throughout: {n}× {target}, answered by {who}', ko: 'throughout: {target}에 {n}번, 응답: {who}' },
  podWithoutReplicaSet: { en: 'a pod without a ReplicaSet', ko: 'ReplicaSet 없는 파드' },
  shareOf: { en: '{n} of {total}: {who}', ko: '{total}개 중 {n}개: {who}' },
  answeredBy: { en: 'answered by {pods}', ko: '응답한 파드: {pods}' },
  noPod: { en: 'no pod', ko: '없음' },
  requestsAria: {
    en: '{n} requests, one square each, coloured by the ReplicaSet of the pod that answered',
    ko: '요청 {n}개, 하나에 네모 하나, 응답한 파드의 ReplicaSet 색',
  },

  // The table of states.
  statesTable: {
    en: (p: Params) => `${p.n} state${s(p.n, '', 's')} as a table`,
    ko: (p: Params) => `상태 ${p.n}개를 표로`,
  },
  shownOf: { en: '({shown} of {n} shown)', ko: '({n}개 중 {shown}개 표시)' },
  time: { en: 'time', ko: '시각' },
  nAvailable: { en: '{n} available', ko: '사용 가능 {n}' },
  nStarting: { en: '{n} starting', ko: '시작 중 {n}' },
  nTerminating: { en: '{n} terminating', ko: '종료 중 {n}' },
  nReady: { en: '{n} ready', ko: '준비됨 {n}' },
  nNotReady: { en: '{n} not ready', ko: '준비 안 됨 {n}' },

  // The class index.
  gradesTitle: { en: 'kubespec grades', ko: 'kubespec 성적' },
  students: {
    en: (p: Params) => `${p.n} student${s(p.n, '', 's')}`,
    ko: (p: Params) => `학생 ${p.n}명`,
  },
  shard: { en: 'shard {shard}', ko: '샤드 {shard}' },
  specsList: { en: 'specs: {specs}', ko: '스펙: {specs}' },
  none: { en: 'none', ko: '없음' },
  colStudent: { en: 'student', ko: '학생' },
  colScore: { en: 'score', ko: '점수' },
  colPassed: { en: 'passed', ko: '통과' },
  colFailed: { en: 'failed', ko: '실패' },
  colErrors: { en: 'errors', ko: '오류' },
});
