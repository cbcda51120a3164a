// The reporters' own text: the summary (Specs, Steps, Score, Time), the Problems list, a failure's
// labels (where, selected, mismatches, diff legend, output), skipped steps, and the human-readable
// fields of the JSON, JUnit, TAP, Gradescope, Classroom and GitHub reports.
import { defineMessages, type Params } from '../index';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const reportMessages = defineMessages({
  // The summary block: labels are padded to one width (display width: Hangul takes two columns).
  specsLabel: { en: 'Specs:', ko: '스펙:' },
  stepsLabel: { en: 'Steps:', ko: '단계:' },
  scoreLabel: { en: 'Score:', ko: '점수:' },
  timeLabel: { en: 'Time:', ko: '시간:' },
  passedCount: { en: '{n} passed', ko: '통과 {n}' },
  failedCount: { en: '{n} failed', ko: '실패 {n}' },
  errorsCount: { en: (p: Params) => `${p.n} ${s(p.n, 'error', 'errors')}`, ko: (p: Params) => `오류 ${p.n}` },
  skippedCount: { en: '{n} skipped', ko: '건너뜀 {n}' },
  skippedByOnly: {
    en: (p: Params) => `(${p.n} skipped because another spec is marked \`only: true\`)`,
    ko: (p: Params) => `(다른 스펙에 \`only: true\`가 있어서 ${p.n}개 건너뜀)`,
  },
  specSkipped: { en: 'the spec was not run', ko: '스펙을 실행하지 않았어요' },
  skippedSuffix: { en: '{name} (skipped)', ko: '{name} (건너뜀)' },
  totalCount: { en: '{n} total', ko: '전체 {n}' },
  engineTime: { en: '{time} (engine {engine})', ko: '{time} (엔진 {engine})' },

  problemsLabel: { en: 'Problems:', ko: '문제:' },
  problemCost: {
    en: (p: Params) => `(cost ${p.steps} step${s(p.steps, '', 's')} in ${p.specs} spec${s(p.specs, '', 's')})`,
    ko: (p: Params) => `(영향: 스펙 ${p.specs}개, 단계 ${p.steps}개)`,
  },

  absent: { en: '(absent)', ko: '(없음)' },
  mismatch: { en: '{path}: expected {expected}, actual {actual}', ko: '{path}: 기대값 {expected}, 실제값 {actual}' },
  at: { en: 'at {where}', ko: '위치: {where}' },
  firstBroken: { en: 'first broken at {time} of simulated time', ko: '시뮬레이션 시간 {time}에 처음 어긋남' },
  closestState: { en: 'no state matched; the closest was at {time} of simulated time', ko: '맞는 상태가 없었음. 가장 가까웠던 상태: 시뮬레이션 시간 {time}' },
  selectedLabel: { en: 'Selected:', ko: '선택:' },
  nothing: { en: 'nothing', ko: '없음' },
  mismatchesLabel: { en: 'Mismatches:', ko: '불일치:' },
  expectedLegend: { en: '- Expected', ko: '- 기대값' },
  actualLegend: { en: '+ Actual', ko: '+ 실제값' },
  filesLine: { en: 'files: {files}', ko: '파일: {files}' },
  fromSubmission: { en: 'your submission', ko: '제출물' },
  fromSpec: { en: "the spec's folder", ko: '스펙 폴더' },
  moreLines: { en: '… {n} more lines', ko: '… {n}줄 더 있음' },
  earlierLines: { en: '… {n} lines before', ko: '… 앞에 {n}줄 더 있음' },
  outputLabel: { en: 'Output', ko: '출력' },
  exitCode: { en: '(exit code {code})', ko: '(종료 코드 {code})' },
  couldNotRunSpec: { en: '{file}: the spec could not run', ko: '{file}: 스펙을 실행할 수 없어요' },
  hintLabel: { en: 'hint:', ko: '힌트:' },
  earlierStepFailed: { en: 'an earlier step failed', ko: '앞 단계가 실패했어요' },

  // pretty
  points: { en: '{score} pts', ko: '{score}점' },
  moreSteps: { en: '{n} more steps', ko: '나머지 단계 {n}개' },
  skipped: { en: 'skipped: {reason}', ko: '건너뜀: {reason}' },
  error: { en: 'error', ko: '오류' },
  didNotApplyAgain: {
    en: (p: Params) => `${p.file} did not apply, see above${Number(p.more) > 0 ? `; ${p.more} more step${s(p.more, '', 's')} skipped` : ''}`,
    ko: (p: Params) => `${p.file} 적용 실패, 위 참조${Number(p.more) > 0 ? `; 이어지는 단계 ${p.more}개 건너뜀` : ''}`,
  },
  couldNotRun: { en: 'could not run', ko: '실행할 수 없음' },
  stepStatus: {
    en: (p: Params) => `step ${p.status}`,
    ko: (p: Params) => (p.status === 'error' ? '단계 오류' : p.status === 'failed' ? '단계 실패' : `단계 ${p.status}`),
  },

  // github
  didNotApply: { en: '{file} did not apply', ko: '{file} 적용 실패' },
  summaryHeader: { en: '| | spec file | spec | points |', ko: '| | 스펙 파일 | 스펙 | 점수 |' },
  summaryScore: {
    en: '**Score: {score}/{max}** ({passed} of {total} specs passed)',
    ko: '**점수: {score}/{max}** (스펙 {total}개 중 {passed}개 통과)',
  },
  cannotWriteSummary: {
    en: 'cannot write the job summary {file} ($GITHUB_STEP_SUMMARY): {why}',
    ko: '작업 요약 {file}($GITHUB_STEP_SUMMARY)에 쓸 수 없어요: {why}',
  },

  // junit, gradescope, classroom, tap
  andMore: { en: ' (and {n} more)', ko: ' (외 실패 {n}건)' },
  couldNotRunSuffix: { en: '{name} (could not run)', ko: '{name} (실행할 수 없음)' },
  failedSuffix: { en: '{name} (failed)', ko: '{name} (실패)' },
  specFailed: { en: 'the spec failed', ko: '스펙이 실패했어요' },
  specCouldNotRun: { en: 'the spec could not run', ko: '스펙을 실행할 수 없어요' },
  failuresCount: { en: '{n} failures', ko: '실패 {n}건' },
  kindExpect: { en: 'an expected state did not hold', ko: '기대한 상태가 되지 않았어요' },
  kindThroughout: { en: 'a state that must hold throughout the step broke', ko: '단계 내내 유지돼야 하는 상태가 깨졌어요' },
  kindEventually: { en: 'a state the step had to reach at some moment never came', ko: '단계 중 어느 순간에는 나타나야 하는 상태가 한 번도 나타나지 않았어요' },
  kindExpectError: { en: 'the action did not fail as expected', ko: '동작이 기대한 대로 실패하지 않았어요' },
  kindAction: { en: 'the action failed', ko: '동작이 실패했어요' },
  kindSettle: { en: 'the cluster did not settle', ko: '클러스터가 안정되지 않았어요' },

  // reporters chosen on the command line, report files
  unknownReporter: {
    en: '--reporter {spec}: unknown reporter "{name}"; known reporters: {known}',
    ko: '--reporter {spec}: "{name}" 리포터는 없어요. 쓸 수 있는 리포터: {known}',
  },
  unknownReporterName: { en: 'unknown reporter "{name}"; known reporters: {known}', ko: '"{name}" 리포터는 없어요. 쓸 수 있는 리포터: {known}' },
  sameReportFile: { en: '--reporter {spec}: another reporter already writes {file}', ko: '--reporter {spec}: 다른 리포터가 이미 {file} 파일에 써요' },
  cannotWriteReport: { en: 'cannot write the report {file}: {why}', ko: '리포트 {file} 파일을 쓸 수 없어요: {why}' },
  pipeWithoutReader: { en: 'a named pipe with no reader', ko: '읽는 쪽이 없는 named pipe예요' },
  readerStopped: { en: 'its reader stopped reading', ko: '읽는 쪽이 더 이상 읽지 않아요' },
});
