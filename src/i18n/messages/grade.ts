// `kubespec grade`'s own text: usage errors of its options, the line per student and the class
// summary, and why a spec stopped on a worker (src/grade/pool.ts, execute.ts). roster.csv's column
// headers are not messages: tools read them, so they stay the same in every language.
import { defineMessages, type Params } from '../index';

export const gradeMessages = defineMessages({
  // options
  sizeForm: { en: '--{option} {value}: expected a size such as 1048576, 512KiB or 1MiB', ko: '--{option} {value}: 1048576, 512KiB, 1MiB 같은 크기를 쓰세요' },
  sizeAtLeast: { en: '--{option} {value}: must be at least 1 byte', ko: '--{option} {value}: 1바이트 이상이어야 해요' },
  durationForm: { en: '--{option} {value}: expected a duration such as 30, 30s, 1500ms or 2m', ko: '--{option} {value}: 30, 30s, 1500ms, 2m 같은 시간을 쓰세요' },
  durationAtLeast: { en: '--{option} {value}: must be at least 1 ms', ko: '--{option} {value}: 1 ms 이상이어야 해요' },
  whichSubmission: {
    en: 'give --submission DIR (one student) or --submissions DIR (a folder of students)',
    ko: '채점할 대상을 --submission DIR (학생 한 명) 또는 --submissions DIR (학생 폴더들이 든 폴더)로 지정하세요',
  },
  bothSubmissions: { en: '--submission and --submissions cannot be combined', ko: '--submission과 --submissions는 함께 쓸 수 없어요' },
  noBail: { en: '--bail does not apply to grading: every spec is graded', ko: '--bail은 채점에 쓸 수 없어요. 채점할 때는 모든 스펙을 실행해요' },
  outAlone: {
    en: '--out applies to --submissions (one student reports with --reporter NAME=FILE)',
    ko: '--out은 --submissions와 함께 써요 (학생 한 명이면 --reporter NAME=FILE로 리포트를 써요)',
  },
  classReporterFile: {
    en: "--reporter {value}: with --submissions each student's reports go to --out; give the format alone ({formats})",
    ko: '--reporter {value}: --submissions에서는 학생마다의 리포트가 --out에 저장되니 형식만 지정하세요 ({formats})',
  },
  classReporterFormat: {
    en: '--reporter {value}: with --submissions the formats written per student are {formats}',
    ko: '--reporter {value}: --submissions에서 학생마다 쓸 수 있는 형식은 {formats}예요',
  },
  cannotWriteOut: { en: '--out {dir}: cannot write reports there ({why})', ko: '--out {dir}: 그곳에 리포트를 쓸 수 없어요 ({why})' },
  notAFolder: { en: 'it is not a folder', ko: '폴더가 아니에요' },
  nothingGraded: {
    en: (p: Params) => `nothing was graded: ${p.files} ${Number(p.n) === 1 ? 'does' : 'do'} not load (kubespec validate says why)`,
    ko: (p: Params) => `아무도 채점하지 않았어요: ${p.files} 파일을 불러오지 못했어요 (이유는 kubespec validate로 확인하세요)`,
  },

  // a class's lines
  passedCount: { en: '{n} passed', ko: '통과 {n}' },
  failedCount: { en: '{n} failed', ko: '실패 {n}' },
  errorsCount: { en: '{n} errors', ko: '오류 {n}' },
  skippedCount: { en: '{n} skipped', ko: '건너뜀 {n}' },
  students: {
    en: (p: Params) => `Students: ${p.n} graded${p.shard ? ` (shard ${p.shard})` : ''}${p.below !== '' ? `, ${p.below} below --min-score` : ''}`,
    ko: (p: Params) => `학생: ${p.n}명 채점${p.shard ? ` (샤드 ${p.shard})` : ''}${p.below !== '' ? `, --min-score 미달 ${p.below}명` : ''}`,
  },
  roster: { en: 'Roster:   {csv}, {json}', ko: '명단: {csv}, {json}' },

  // why a spec stopped (pool.ts, execute.ts)
  overTime: { en: 'stopped: the spec ran for more than {time} of wall-clock time', ko: '중단됨: 스펙이 실제 시간으로 {time} 넘게 실행됐어요' },
  overMemory: { en: 'stopped: the spec used more than the memory limit of {mb} MB', ko: '중단됨: 스펙이 메모리 한도 {mb} MB를 넘게 썼어요' },
  runnerFailed: { en: 'the runner failed: {message}', ko: '러너가 실패했어요: {message}' },
  workerCrashed: { en: 'the worker running it crashed: {message}', ko: '스펙을 실행하던 워커가 비정상 종료했어요: {message}' },
  workerExited: { en: 'the worker running it exited (code {code})', ko: '스펙을 실행하던 워커가 예기치 않게 종료됐어요 (종료 코드 {code})' },
  workerDidNotStart: { en: 'the worker did not start within {seconds} s', ko: '워커가 {seconds}초 안에 시작하지 않았어요' },
  runStopped: { en: 'the run stopped', ko: '실행이 중단됐어요' },
  notRun: { en: 'not run: an earlier spec of this run was stopped ({reason})', ko: '실행하지 않음: 이번 실행에서 앞선 스펙이 중단됐어요 ({reason})' },
});
