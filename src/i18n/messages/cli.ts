// The command line's own text: usage errors, --help descriptions, the lines around every run.
import { defineMessages, type Params } from '../index';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const cliMessages = defineMessages({
  langOption: {
    en: 'Language of kubespec\'s messages: en or ko (default: from LC_ALL, LC_MESSAGES or LANG)',
    ko: 'kubespec 메시지의 언어: en 또는 ko (기본값: LC_ALL, LC_MESSAGES, LANG 설정을 따름)',
  },
  configOption: {
    en: 'A config file of options (default: kubespec.config.json or .yaml, or "kubespec" in package.json, here or above); --no-config ignores it',
    ko: '옵션을 적은 설정 파일 (기본값: 이 폴더나 상위 폴더의 kubespec.config.json, .yaml 또는 package.json의 "kubespec"); --no-config이면 읽지 않음',
  },
  badLang: {
    en: '--lang {value}: expected en or ko',
    ko: '--lang {value}: en 또는 ko 중 하나를 지정하세요',
  },

  // main(): how an error line ends, internal errors
  seeHelp: { en: " (see 'kubespec {command}--help')", ko: " (도움말: 'kubespec {command}--help')" },
  internalError: { en: 'internal error: {message}', ko: '내부 오류: {message}' },
  bugHint: {
    en: (p: Params) => `This is a bug in kubespec, not in your specs: please report it with the command you ran${p.debug ? '.' : ' (KUBESPEC_DEBUG=1 prints the stack trace).'}`,
    ko: (p: Params) => `스펙의 문제가 아니라 kubespec의 버그예요. 실행한 명령과 함께 알려 주세요${p.debug ? '.' : ' (KUBESPEC_DEBUG=1이면 스택 트레이스도 나와요).'}`,
  },
  invalidCommandLine: { en: 'invalid command line', ko: '명령줄이 올바르지 않아요' },

  // yargs' fail messages, reworded (rewordYargs)
  unknownOption: { en: 'unknown option {option}', ko: '알 수 없는 옵션이에요: {option}' },
  unknownCommand: { en: "unknown command '{name}'", ko: "알 수 없는 명령이에요: '{name}'" },
  unexpectedArgument: { en: "unexpected argument '{name}'", ko: "알 수 없는 인수예요: '{name}'" },
  needsValue: { en: '--{option} needs a value', ko: '--{option} 옵션에 값을 지정하세요' },
  didYouMeanCommand: { en: "unknown command '{name}'; did you mean '{suggestion}'?", ko: "알 수 없는 명령이에요: '{name}' (혹시 '{suggestion}' 명령인가요?)" },
  missingArgument: { en: 'missing required argument: {names}', ko: '꼭 필요한 인수가 없어요: {names}' },
  tooManyArguments: { en: 'too many non-option arguments: got {got}, maximum of {max}', ko: '옵션이 아닌 인수가 너무 많아요: {got}개 (최대 {max}개)' },
  tooFewArguments: { en: 'not enough non-option arguments: got {got}, need at least {min}', ko: '옵션이 아닌 인수가 모자라요: {got}개 (최소 {min}개)' },
  exclusiveOptions: { en: 'arguments {a} and {b} are mutually exclusive', ko: '{a} 옵션과 {b} 옵션은 함께 쓸 수 없어요' },

  // option values (options.ts)
  reporterForm: { en: '--reporter {value}: expected NAME or NAME=FILE', ko: '--reporter {value}: NAME 또는 NAME=FILE 형식으로 쓰세요' },
  reporterNoFile: { en: "--reporter {value}: no file after '='", ko: "--reporter {value}: '=' 뒤에 파일 이름이 없어요" },
  shardForm: { en: '--shard {value}: expected INDEX/COUNT, e.g. 1/4', ko: '--shard {value}: INDEX/COUNT 형식으로 쓰세요 (예: 1/4)' },
  shardRange: {
    en: '--shard {value}: INDEX must be between 1 and COUNT (COUNT at least 1)',
    ko: '--shard {value}: INDEX는 1부터 COUNT 사이여야 해요 (COUNT는 1 이상)',
  },
  minScoreForm: {
    en: '--min-score {value}: expected a number of points or a percentage (e.g. 7 or 80%)',
    ko: '--min-score {value}: 점수나 백분율을 쓰세요 (예: 7 또는 80%)',
  },
  minScorePercent: { en: '--min-score {value}: a percentage cannot exceed 100%', ko: '--min-score {value}: 백분율은 100%를 넘을 수 없어요' },
  wholeNumber: { en: '--{option} {value}: expected a whole number', ko: '--{option} {value}: 정수를 쓰세요' },
  atLeast: { en: '--{option} {value}: must be at least {min}', ko: '--{option} {value}: {min} 이상이어야 해요' },

  // run
  emptyOption: { en: '--{option}: empty text', ko: '--{option}: 텍스트가 비어 있어요' },
  badExclude: { en: '--exclude {pattern}: not a valid regular expression: {problem}', ko: '--exclude {pattern}: 올바른 정규식이 아니에요: {problem}' },
  emptyFilter: { en: '--filter: empty text', ko: '--filter: 텍스트가 비어 있어요' },
  badFilter: { en: '--filter {filter}: not a valid regular expression: {problem}', ko: '--filter {filter}: 올바른 정규식이 아니에요: {problem}' },
  specManifestsAlone: {
    en: '--spec-manifests: only with --submission (without one, manifests are read from the spec folder anyway)',
    ko: '--spec-manifests: --submission과 함께만 쓸 수 있어요 (--submission이 없으면 매니페스트는 어차피 스펙 폴더에서 읽어요)',
  },
  noSpecMatches: { en: 'no spec matches --filter {filter}', ko: '--filter {filter}에 맞는 스펙이 없어요' },
  noSpecsFound: { en: 'no specs found in {paths}', ko: '{paths}에서 스펙을 찾지 못했어요' },
  internalErrorIn: { en: 'internal error in {where}: {message}', ko: '{where}에서 내부 오류: {message}' },
  andMoreSpecs: {
    en: (p: Params) => ` (and ${p.n} more spec${s(p.n, '', 's')})`,
    ko: (p: Params) => ` (외 스펙 ${p.n}개)`,
  },
  specCouldNotRun: { en: 'the spec could not run', ko: '스펙을 실행할 수 없어요' },

  // paths.ts
  noSuchPath: { en: '{path}: no such file or directory (spec path)', ko: '{path}: 그런 파일이나 폴더가 없어요 (스펙 경로)' },
  noSuchFolder: { en: '--{option} {dir}: no such folder', ko: '--{option} {dir}: 그런 폴더가 없어요' },
  notAFolder: { en: '--{option} {dir}: not a folder', ko: '--{option} {dir}: 폴더가 아니에요' },

  // validate (cli/validate.ts)
  noSpecFiles: { en: 'no spec files (*.spec.yaml) in {paths}', ko: '{paths}에 스펙 파일(*.spec.yaml)이 없어요' },
  validFile: {
    en: (p: Params) => `✓ ${p.file} (${p.n} spec${s(p.n, '', 's')})`,
    ko: (p: Params) => `✓ ${p.file} (스펙 ${p.n}개)`,
  },
  moreProblems: {
    en: (p: Params) => `${p.file}: ${p.n} more problem${s(p.n, '', 's')} not shown`,
    ko: (p: Params) => `${p.file}: 표시하지 않은 문제 ${p.n}개가 더 있어요`,
  },
  warning: { en: 'warning: {message}', ko: '경고: {message}' },
  allValid: {
    en: (p: Params) => `${p.files} spec file${s(p.files, '', 's')}, ${p.specs} spec${s(p.specs, '', 's')}: all valid`,
    ko: (p: Params) => `스펙 파일 ${p.files}개, 스펙 ${p.specs}개: 모두 올발라요`,
  },
  problemsIn: {
    en: (p: Params) => `${p.problems} problem${s(p.problems, '', 's')} in ${p.bad} of ${p.files} spec file${s(p.files, '', 's')}`,
    ko: (p: Params) => `스펙 파일 ${p.files}개 중 ${p.bad}개에 문제 ${p.problems}개`,
  },
  strictWarnings: {
    en: (p: Params) => `${p.n} warning${s(p.n, '', 's')} (--strict): steps a student could pass by shortcut`,
    ko: (p: Params) => `경고 ${p.n}개 (--strict): 학생이 편법으로 통과할 수 있는 단계`,
  },
  missingBesideSpec: { en: '{file}: no such file in your submission or beside the spec', ko: '{file}: 제출물에도 스펙 옆에도 없는 파일이에요' },
  missingInSubmission: { en: '{file} is not in your submission', ko: '{file} 파일이 제출물에 없어요' },
  inlineNotYaml: { en: 'steps[{index}]: the inline manifest is not valid YAML: {message}', ko: 'steps[{index}]: 인라인 매니페스트가 올바른 YAML이 아니에요: {message}' },
  folderHoldsNoManifest: { en: '{file}: the folder holds no .yaml, .yml or .json file', ko: '{file}: 폴더에 .yaml, .yml, .json 파일이 없어요' },
  fileHoldsNoObject: { en: '{file}: the file holds no object', ko: '{file}: 파일에 객체가 하나도 없어요' },
  documentNotObject: {
    en: 'a manifest document must be an object (apiVersion, kind, metadata, ...)',
    ko: '매니페스트 문서는 객체여야 해요 (apiVersion, kind, metadata, ...)',
  },
  kindMissing: { en: '`kind` is missing', ko: '`kind`가 없어요' },
  apiVersionMissing: { en: '`apiVersion` is missing', ko: '`apiVersion`이 없어요' },
  kindNotServed: {
    en: "kind {kind} is not a kind kubespec's cluster serves",
    ko: 'kubespec 클러스터가 제공하지 않는 kind예요: {kind}',
  },
  kindDidYouMean: { en: ' (did you mean {kind}?)', ko: ' (혹시 {kind}인가요?)' },
  kindInOtherVersion: {
    en: 'no matches for kind {kind} in version {version} ({name} is {apiVersion})',
    ko: 'no matches for kind {kind} in version {version} ({name}의 apiVersion은 {apiVersion}이에요)',
  },
  invalidYaml: { en: 'invalid YAML: {message}', ko: 'YAML 형식이 잘못됐어요: {message}' },

  // kubespec files, grade --list-files (suite-files.ts)
  readsNoFile: { en: '(reads no file from the submission)', ko: '(제출물에서 읽는 파일 없음)' },
  handIn: { en: 'Hand in: {files}', ko: '제출할 파일: {files}' },
  handInNothing: { en: 'Hand in: nothing (no spec reads a file from the submission)', ko: '제출할 파일: 없음 (제출물에서 파일을 읽는 스펙이 없어요)' },
  notListed: {
    en: 'not listed: {file} does not load (kubespec validate {file} says why)',
    ko: '목록에서 빠짐: {file} 파일을 불러오지 못했어요 (이유는 kubespec validate {file}로 확인하세요)',
  },
  freePoints: {
    en: (p: Params) => `warning: ${p.file} › ${p.name} reads no file from the submission: every student gets its ${p.points} point${s(p.points, '', 's')}`,
    ko: (p: Params) => `경고: ${p.file} › ${p.name} 스펙은 제출물에서 아무 파일도 읽지 않아요. 모든 학생이 ${p.points}점을 그냥 받아요`,
  },

  // serve
  badPort: { en: '--port must be an integer from 0 to 65535, not {value}', ko: '--port는 0부터 65535 사이의 정수여야 해요 (받은 값: {value})' },
  badSpeed: { en: '--speed must be a number above 0 and at most 10000, not {value}', ko: '--speed는 0보다 크고 10000 이하인 수여야 해요 (받은 값: {value})' },
  badServeSeed: { en: '--seed must be an integer, not {value}', ko: '--seed는 정수여야 해요 (받은 값: {value})' },
  insecureNotLoopback: {
    en: '--insecure-http serves plain HTTP, so it is allowed on a loopback address only, not {address}: anyone on the network could read the token',
    ko: '--insecure-http는 평문 HTTP라서 루프백 주소에서만 쓸 수 있어요 ({address}는 안 돼요). 네트워크의 누구나 토큰을 읽을 수 있으니까요',
  },
  nodesCount: { en: '--nodes must be from 1 to 500 nodes, not {value}', ko: '--nodes는 1개부터 500개 사이여야 해요 (받은 값: {value})' },
  nodesNames: {
    en: '--nodes wants node names (lowercase DNS names) separated by commas, or a count, not {value}',
    ko: '--nodes에는 쉼표로 구분한 노드 이름(소문자 DNS 이름)이나 노드 수를 쓰세요 (받은 값: {value})',
  },
  nodesTwice: { en: '--nodes names a node twice: {value}', ko: '--nodes에 같은 노드가 두 번 있어요: {value}' },
  nodesTooMany: { en: '--nodes allows at most 500 nodes', ko: '--nodes에는 노드를 500개까지만 쓸 수 있어요' },
  applyPrefix: { en: '--apply: {message}', ko: '--apply: {message}' },
  applyMissing: { en: '--apply: {file} does not exist', ko: '--apply: {file} 파일이 없어요' },
  applyUnreadable: { en: '--apply: {file}: cannot be read ({code})', ko: '--apply: {file}: 읽을 수 없어요 ({code})' },
  applyFailed: { en: '--apply {file} failed (see above)', ko: '--apply {file}: 적용하지 못했어요 (위 메시지 참고)' },
  dataNotFolder: { en: '--data {dir} is not a folder', ko: '--data {dir}: 폴더가 아니에요' },
  serveBanner: {
    en: 'export KUBECONFIG={kubeconfig}  # kubespec serve on {url} ({where}; Ctrl-C stops it)',
    ko: 'export KUBECONFIG={kubeconfig}  # kubespec serve 실행 중: {url} ({where}, Ctrl-C로 종료)',
  },
  serveDataIn: { en: 'data in {dir}', ko: '데이터: {dir}' },
  serveInMemory: { en: 'in memory only', ko: '메모리에만 저장' },
  serveStopped: { en: 'kubespec serve: stopped', ko: 'kubespec serve: 종료했어요' },
});
