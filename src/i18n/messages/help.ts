// `kubespec --help` and each command's `--help`: the usage line, command and option descriptions,
// examples and the epilog, plus the labels yargs prints around them ("Options:", "[boolean]").
// Descriptions are short phrases (noun style in Korean); option names and `$0` stay as they are.
import { defineMessages } from '../index';

export const helpMessages = defineMessages({
  usage: {
    en: '$0 <command> [options]\n\nBehaviour specs for Kubernetes manifests, run against an embedded in-memory cluster.',
    ko: '$0 <명령> [옵션]\n\nKubernetes 매니페스트의 동작을 스펙으로 검사해요. 스펙은 메모리 안의 내장 클러스터에서 실행돼요.',
  },
  color: { en: 'Colour the output (default: on a terminal, unless NO_COLOR is set)', ko: '출력에 색 입히기 (기본값: 터미널이면 켜짐, NO_COLOR가 설정돼 있으면 꺼짐)' },
  epilog: {
    en: 'Exit codes: 0 all specs passed (or the score reached --min-score), 1 some failed,\n2 usage or spec load error, 3 internal error.',
    ko: '종료 코드: 0 모든 스펙 통과 (또는 점수가 --min-score 이상), 1 일부 실패,\n2 사용법 오류 또는 스펙을 불러오지 못함, 3 내부 오류.',
  },
  demandCommand: { en: 'give a command: run, validate, grade, files, import or serve', ko: '명령을 지정하세요: run, validate, grade, files, import, serve' },

  // Commands
  runCommand: { en: 'Run specs against the embedded cluster', ko: '내장 클러스터에서 스펙 실행' },
  validateCommand: { en: 'Check spec files (YAML, schema, manifests) without running them', ko: '스펙 파일을 실행하지 않고 검사 (YAML, 스키마, 매니페스트)' },
  gradeCommand: { en: "Grade students' manifests with a spec suite", ko: '스펙 모음으로 학생들의 매니페스트 채점' },
  filesCommand: {
    en: 'List the manifests the specs read from a submission (what students hand in)',
    ko: '스펙이 제출물에서 읽는 매니페스트 목록 (학생이 제출할 파일)',
  },
  schemaCommand: {
    en: 'Print the JSON Schema of spec files (for editors: see the README, "Editor set-up")',
    ko: '스펙 파일의 JSON Schema 출력 (편집기용: README의 "Editor set-up" 참고)',
  },
  exSchema: { en: 'Write it to a file an editor can use', ko: '편집기가 읽을 수 있게 파일로 저장' },
  serveCommand: {
    en: 'Serve the embedded cluster as a Kubernetes API server, for kubectl and client libraries',
    ko: '내장 클러스터를 Kubernetes API 서버로 실행 (kubectl과 클라이언트 라이브러리용)',
  },

  // Examples shared by `kubespec --help` and the commands
  exRunAll: { en: 'Run every spec under {dir}/', ko: '{dir}/ 아래의 모든 스펙 실행' },
  exRunFilter: { en: 'Only the specs whose name has "orphan"', ko: '이름에 "orphan"이 들어간 스펙만 실행' },
  exRunSubmission: { en: "Run the specs on a student's manifests", ko: '학생의 매니페스트로 스펙 실행' },
  exValidate: { en: 'Check the specs without running them', ko: '스펙을 실행하지 않고 검사' },
  exServe: { en: 'Practise without a cluster: the embedded cluster for the real kubectl', ko: '클러스터 없이 연습: 실제 kubectl로 내장 클러스터 사용' },

  // run (and grade, which shares these)
  specPaths: { en: 'Spec files or folders of *.spec.yaml (default: {dir}/)', ko: '스펙 파일, 또는 *.spec.yaml 파일이 든 폴더 (기본값: {dir}/)' },
  filter: { en: 'Only specs whose name contains TEXT (or matches /REGEX/)', ko: '이름에 TEXT가 들어 있는 (또는 /REGEX/에 맞는) 스펙만 실행' },
  tag: { en: 'Only the specs tagged TAG (`tags:`); repeatable: any of them', ko: 'TAG 태그(`tags:`)가 붙은 스펙만 실행, 여러 번 지정하면 그중 하나라도 붙은 스펙' },
  excludeTag: { en: 'Skip the specs tagged TAG; repeatable', ko: 'TAG 태그가 붙은 스펙은 건너뜀, 여러 번 지정 가능' },
  exclude: {
    en: 'Skip the specs whose name or file contains TEXT (or matches /REGEX/); repeatable',
    ko: '이름이나 파일 경로에 TEXT가 들어 있는 (또는 /REGEX/에 맞는) 스펙은 건너뜀, 여러 번 지정 가능',
  },
  exRunTag: { en: 'Only the specs tagged smoke, none tagged slow', ko: 'smoke 태그가 붙은 스펙만, slow 태그가 붙은 스펙은 빼고 실행' },
  seed: {
    en: 'Seed for every cluster whose spec sets none (names, IPs, traffic); default 1',
    ko: '시드를 정하지 않은 스펙에 쓸 시드 (이름, IP, 트래픽 분배, 기본값 1)',
  },
  bail: { en: 'Stop after the first failing spec', ko: '처음 실패한 스펙에서 멈춤' },
  reporter: {
    en: 'NAME or NAME=FILE; repeatable (pretty, json, junit, tap, github, gradescope, classroom)',
    ko: 'NAME 또는 NAME=FILE, 여러 번 지정 가능 (pretty, json, junit, tap, github, gradescope, classroom)',
  },
  submission: {
    en: "A student's folder: the manifests the specs name are read from there only",
    ko: '학생의 제출 폴더: 스펙이 가리키는 매니페스트를 이 폴더에서만 읽음',
  },
  specManifests: {
    en: "With --submission: a manifest missing from the submission is read from the spec's folder (every report then says, per step, which files came from where)",
    ko: '--submission과 함께: 제출물에 없는 매니페스트는 스펙 폴더에서 읽음 (이때 모든 리포트에 단계마다 어느 파일을 어디서 읽었는지 표시)',
  },
  minScore: { en: 'Exit 0 when the score reaches N points (or N% of the maximum)', ko: '점수가 N점 (또는 만점의 N%) 이상이면 종료 코드 0' },
  jobs: {
    en: 'Run spec files on N worker threads (default 1; grade --submissions: one per core, at most 8)',
    ko: '스펙 파일을 워커 스레드 N개에서 실행 (기본값 1, grade --submissions에서는 코어마다 하나씩 최대 8개)',
  },
  shard: { en: 'Run only shard INDEX of COUNT (e.g. 2/4), for CI machines', ko: 'COUNT개로 나눈 샤드 중 INDEX번째만 실행 (예: 2/4), CI 머신 여러 대에 나눌 때' },
  verbose: {
    en: "Show every step of passing specs, and kubectl's whole output in failures",
    ko: '통과한 스펙의 단계도 모두 표시, 실패에서는 kubectl 출력을 전부 표시',
  },
  timings: {
    en: 'Print durations (--no-timings or KUBESPEC_TIMINGS=0: byte-identical output for the same seed)',
    ko: '걸린 시간 출력 (--no-timings 또는 KUBESPEC_TIMINGS=0이면 시드가 같을 때 출력이 바이트 단위로 같음)',
  },
  ci: {
    en: 'The output goes to a CI log: student text cannot run workflow commands in it (default: on in GitHub Actions)',
    ko: '출력을 CI 로그로 보냄: 학생이 쓴 텍스트가 워크플로 명령으로 실행되지 않게 함 (기본값: GitHub Actions에서 켜짐)',
  },
  exRunMinScore: { en: "Grade alice's manifests; pass at 80%", ko: 'alice의 매니페스트 채점, 80% 이상이면 통과' },
  exRunReporters: { en: 'Print, and write a JUnit file too', ko: '화면에 출력하고 JUnit 파일도 작성' },
  exRunSeed: { en: 'Another seed; output free of durations', ko: '다른 시드로 실행, 걸린 시간은 빼고 출력' },

  // grade
  submissions: { en: 'A folder of student folders: grade each one', ko: '학생 폴더들이 든 폴더: 학생마다 채점' },
  out: {
    en: 'With --submissions: where the roster and students/<name>/ report folders go (default: {dir}/)',
    ko: '--submissions와 함께: 명단과 students/<name>/ 리포트 폴더를 둘 곳 (기본값: {dir}/)',
  },
  timeout: { en: 'Wall-clock budget of one spec (e.g. 30s; default 60s)', ko: '스펙 하나에 허용하는 실제 시간 (예: 30s, 기본값 60s)' },
  maxSteps: { en: 'Simulated steps (reconciles) one spec may run (default 2,000,000)', ko: '스펙 하나가 실행할 수 있는 시뮬레이션 단계(reconcile) 수 (기본값 2,000,000)' },
  maxFileSize: { en: 'Largest manifest read (e.g. 512KiB; default 1MiB)', ko: '읽을 수 있는 매니페스트의 최대 크기 (예: 512KiB, 기본값 1MiB)' },
  maxMemory: { en: 'Heap limit of each worker thread, in MB (default 1024)', ko: '워커 스레드마다의 힙 한도, MB 단위 (기본값 1024)' },
  listFiles: {
    en: 'List the manifests the specs read from a submission, and grade nothing (as kubespec files)',
    ko: '스펙이 제출물에서 읽는 매니페스트만 나열하고 채점은 하지 않음 (kubespec files와 같음)',
  },
  exGradeOne: { en: "Grade this folder's manifests with specs/; pass at 80%", ko: '이 폴더의 매니페스트를 specs/로 채점, 80% 이상이면 통과' },
  exGradeClass: { en: 'Grade every student; reports and roster in grades/', ko: '학생 전원 채점, 리포트와 명단은 grades/에 저장' },
  exGradeShard: { en: 'The second quarter of the class, two at a time', ko: '반을 넷으로 나눈 두 번째 묶음을 두 명씩 동시에 채점' },
  exGradeGradescope: { en: 'On Gradescope', ko: 'Gradescope에서 채점' },

  // files
  filesPaths: { en: 'Spec files or folders (default: {dir}/)', ko: '스펙 파일 또는 폴더 (기본값: {dir}/)' },
  filesJson: { en: 'Print JSON: every spec with its file and the files it reads', ko: 'JSON으로 출력: 스펙마다 스펙 파일과 읽는 파일 목록' },
  exFiles: { en: 'What students must hand in for the course suite', ko: '강의 스펙 모음에서 학생이 제출해야 할 파일' },

  // validate
  validateSubmission: {
    en: "Check that a student's folder holds every manifest the specs read",
    ko: '스펙이 읽는 매니페스트가 학생 폴더에 모두 있는지 확인',
  },
  validateSpecManifests: {
    en: "With --submission: a manifest missing from it may come from the spec's folder",
    ko: '--submission과 함께: 제출물에 없는 매니페스트는 스펙 폴더에서 읽어도 됨',
  },
  strict: {
    en: 'Also warn about steps a student could pass by shortcut (Pods counted without ownedBy)',
    ko: '학생이 편법으로 통과할 수 있는 단계도 경고 (ownedBy 없이 Pod를 세는 경우)',
  },
  exValidateAll: { en: 'Check every spec under {dir}/', ko: '{dir}/ 아래의 모든 스펙 검사' },
  exValidateSubmission: { en: "Also check that alice's manifests are there", ko: 'alice의 매니페스트가 모두 있는지도 확인' },

  // serve
  port: { en: 'Port of the API server (0: pick a free one)', ko: 'API 서버의 포트 (0: 비어 있는 포트를 골라 씀)' },
  address: {
    en: 'Address to bind (default 127.0.0.1; anything else exposes the cluster to the network)',
    ko: '바인드할 주소 (기본값 127.0.0.1, 다른 주소면 클러스터가 네트워크에 노출됨)',
  },
  kubeconfig: {
    en: 'Where to write the kubeconfig (default: DIR/kubeconfig under --data, else a fresh temporary folder)',
    ko: 'kubeconfig를 쓸 위치 (기본값: --data가 있으면 DIR/kubeconfig, 없으면 새 임시 폴더)',
  },
  speed: { en: 'Simulated seconds per real second', ko: '실제 1초 동안 흐르는 시뮬레이션 시간(초)' },
  serveSeed: { en: 'Seed of the cluster (names, IPs, endpoint choice)', ko: '클러스터의 시드 (이름, IP, 엔드포인트 선택)' },
  nodes: {
    en: 'Node names, comma-separated (default master,worker0,worker1), or a count',
    ko: '쉼표로 구분한 노드 이름 (기본값 master,worker0,worker1) 또는 노드 수',
  },
  data: { en: 'Keep the cluster in DIR across restarts (default: in memory only)', ko: '클러스터를 DIR에 저장해 재시작해도 유지 (기본값: 메모리에만 둠)' },
  apply: { en: 'Manifests to apply at start, as `kubectl apply -f` would', ko: '시작할 때 적용할 매니페스트 (`kubectl apply -f`와 같음)' },
  insecureHttp: { en: 'Plain HTTP instead of HTTPS (loopback only)', ko: 'HTTPS 대신 평문 HTTP 사용 (루프백 주소에서만)' },
  nodeports: {
    en: 'Listen on the nodePorts of NodePort Services (--no-nodeports: off)',
    ko: 'NodePort Service의 nodePort에서 요청 받기 (--no-nodeports: 끔)',
  },
  exServeDefault: {
    en: 'Serve on https://127.0.0.1:6443 and print the KUBECONFIG to export',
    ko: 'https://127.0.0.1:6443에서 서버를 열고 export할 KUBECONFIG 출력',
  },
  exServeData: { en: 'A free port, and the cluster kept across restarts', ko: '비어 있는 포트를 쓰고, 재시작해도 클러스터 유지' },
  exServeApply: { en: 'Start with a manifest applied, time ten times faster', ko: '매니페스트를 적용한 채 시작, 시간은 열 배 빠르게' },

  // yargs' own labels: given to yargs (updateLocale) in a language other than English.
  yCommands: { en: 'Commands:', ko: '명령:' },
  yOptions: { en: 'Options:', ko: '옵션:' },
  yExamples: { en: 'Examples:', ko: '예:' },
  yPositionals: { en: 'Positionals:', ko: '위치 인수:' },
  yBoolean: { en: 'boolean', ko: '불리언' },
  yCount: { en: 'count', ko: '개수' },
  yString: { en: 'string', ko: '문자열' },
  yNumber: { en: 'number', ko: '숫자' },
  yArray: { en: 'array', ko: '배열' },
  yRequired: { en: 'required', ko: '필수' },
  yDefault: { en: 'default', ko: '기본값' },
  yDefaultColon: { en: 'default:', ko: '기본값:' },
  yChoices: { en: 'choices:', ko: '선택:' },
  yAliases: { en: 'aliases:', ko: '별칭:' },
  yGenerated: { en: 'generated-value', ko: '생성된 값' },
  yShowHelp: { en: 'Show help', ko: '도움말 보기' },
  yShowVersion: { en: 'Show version number', ko: '버전 보기' },
  yCommand: { en: 'command', ko: '명령' },
  yDeprecated: { en: 'deprecated', ko: '더 이상 쓰지 않음' },
  yDeprecatedWhy: { en: 'deprecated: %s', ko: '더 이상 쓰지 않음: %s' },
});

/** yargs' label keys (its en.json), each with the message that says it in kubespec's language. */
export const YARGS_LABELS: Readonly<Record<string, keyof typeof helpMessages>> = {
  'Commands:': 'yCommands',
  'Options:': 'yOptions',
  'Examples:': 'yExamples',
  'Positionals:': 'yPositionals',
  boolean: 'yBoolean',
  count: 'yCount',
  string: 'yString',
  number: 'yNumber',
  array: 'yArray',
  required: 'yRequired',
  default: 'yDefault',
  'default:': 'yDefaultColon',
  'choices:': 'yChoices',
  'aliases:': 'yAliases',
  'generated-value': 'yGenerated',
  'Show help': 'yShowHelp',
  'Show version number': 'yShowVersion',
  command: 'yCommand',
  deprecated: 'yDeprecated',
  'deprecated: %s': 'yDeprecatedWhy',
};
