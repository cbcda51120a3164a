// `kubespec import kuttl|chainsaw DIR` (src/import): its errors, the lines it prints about what it
// wrote and what it could not convert, and the comments it writes into the specs. KUTTL's and
// Chainsaw's own keys and kinds stay as they are written.
import { defineMessages, type Params } from '../index';

const s = (n: string | number, one: string, many: string) => (Number(n) === 1 ? one : many);

export const importMessages = defineMessages({
  // --help
  importCommand: { en: 'Write kubespec specs from a KUTTL or Chainsaw test suite', ko: 'KUTTL이나 Chainsaw 테스트 모음을 kubespec 스펙으로 변환' },
  importTool: { en: 'The suite\'s tool: kuttl or chainsaw', ko: '테스트 모음의 도구: kuttl 또는 chainsaw' },
  importDir: { en: 'The suite folder (KUTTL: with kuttl-test.yaml or test case folders; Chainsaw: with chainsaw-test.yaml files)', ko: '테스트 모음 폴더 (KUTTL: kuttl-test.yaml이나 테스트 케이스 폴더, Chainsaw: chainsaw-test.yaml 파일이 있는 폴더)' },
  importOut: { en: 'Where the *.spec.yaml files go (default: the suite folder)', ko: '*.spec.yaml 파일을 쓸 폴더 (기본값: 테스트 모음 폴더)' },
  importForce: { en: 'Overwrite spec files that exist', ko: '이미 있는 스펙 파일을 덮어씀' },
  exImportKuttl: { en: 'Convert a KUTTL suite into specs beside it', ko: 'KUTTL 테스트 모음을 같은 폴더의 스펙으로 변환' },
  exImportChainsaw: { en: 'Convert Chainsaw tests into specs/imported', ko: 'Chainsaw 테스트를 specs/imported 폴더의 스펙으로 변환' },

  // errors: one line, exit 2
  unknownTool: { en: "unknown suite kind '{tool}': kuttl or chainsaw", ko: "알 수 없는 테스트 도구예요: '{tool}' (kuttl 또는 chainsaw)" },
  noFolder: { en: '{dir}: no such folder', ko: '{dir}: 그런 폴더가 없어요' },
  notKuttlSuite: {
    en: '{dir}: not a KUTTL suite folder (no kuttl-test.yaml, and no test case folder with NN-*.yaml steps)',
    ko: '{dir}: KUTTL 테스트 모음 폴더가 아니에요 (kuttl-test.yaml도, NN-*.yaml 단계가 든 테스트 케이스 폴더도 없어요)',
  },
  notChainsawSuite: { en: '{dir}: not a Chainsaw suite folder (no chainsaw-test.yaml below it)', ko: '{dir}: Chainsaw 테스트 모음 폴더가 아니에요 (아래에 chainsaw-test.yaml이 없어요)' },
  unknownKuttlKind: { en: '{at}: unknown KUTTL kind {kind} (KUTTL has TestSuite, TestStep, TestAssert, TestFile)', ko: '{at}: 알 수 없는 KUTTL kind예요: {kind} (KUTTL에는 TestSuite, TestStep, TestAssert, TestFile이 있어요)' },
  notChainsawTest: { en: '{at}: not a Chainsaw Test (apiVersion chainsaw.kyverno.io/..., kind Test): {found}', ko: '{at}: Chainsaw Test가 아니에요 (apiVersion chainsaw.kyverno.io/..., kind Test): {found}' },
  notAMap: { en: '{at}: {what} is not a map', ko: '{at}: {what}이(가) 맵이 아니에요' },
  invalidYaml: { en: 'invalid YAML: {message}', ko: 'YAML 형식이 잘못됐어요: {message}' },
  outExists: { en: '{file} exists (--force overwrites it)', ko: '{file} 파일이 이미 있어요 (--force를 주면 덮어써요)' },
  sameName: { en: 'two tests would both be written to {file}', ko: '테스트 두 개가 모두 {file} 파일로 쓰여요' },

  // what it printed
  wrote: {
    en: (p: Params) => `wrote ${p.file} (${p.steps} step${s(p.steps, '', 's')}${Number(p.notes) ? `, ${p.notes} not converted` : ''})`,
    ko: (p: Params) => `${p.file} 작성 (단계 ${p.steps}개${Number(p.notes) ? `, 변환 못 한 항목 ${p.notes}개` : ''})`,
  },
  notConverted: { en: '{at}: not converted: {what}', ko: '{at}: 변환하지 못함: {what}' },
  summary: {
    en: (p: Params) => `${p.specs} spec file${s(p.specs, '', 's')} written from ${p.tool}; run them with: kubespec run ${p.out}${Number(p.notes) ? ` (${p.notes} construct${s(p.notes, '', 's')} not converted: see above and the comments in the specs)` : ''}`,
    ko: (p: Params) => `${p.tool}에서 스펙 파일 ${p.specs}개 작성. 실행: kubespec run ${p.out}${Number(p.notes) ? ` (변환하지 못한 항목 ${p.notes}개: 위 내용과 스펙의 주석 참고)` : ''}`,
  },

  // comments written into the specs
  header: { en: 'Imported by `kubespec import {tool}` from {source}.', ko: '`kubespec import {tool}`로 {source}에서 변환했어요.' },
  headerNamespace: {
    en: 'Each spec runs on a fresh embedded cluster, in the namespace `default` (where {tool} makes one per test).',
    ko: '스펙마다 새 내장 클러스터의 `default` 네임스페이스에서 실행돼요 ({tool}은 테스트마다 네임스페이스를 만들어요).',
  },
  noEquivalent: { en: 'no equivalent: {what}', ko: '대응하는 기능 없음: {what}' },
  stepComment: { en: 'step {index}: {files}', ko: '단계 {index}: {files}' },

  // why something has no equivalent (the `what` of notConverted and noEquivalent)
  whyTimeout: { en: '{key}: {value} (kubespec settles the cluster; nothing waits on a clock)', ko: '{key}: {value} (kubespec은 클러스터가 안정될 때까지 돌리므로 시간을 기다리지 않아요)' },
  whyCluster: { en: '{key} (the cluster is kubespec\'s embedded one)', ko: '{key} (클러스터는 kubespec의 내장 클러스터예요)' },
  whyNamespace: { en: '{key}: {value} (the spec runs in `default`)', ko: '{key}: {value} (스펙은 `default`에서 실행돼요)' },
  whyReport: { en: '{key} (choose reporters with --reporter)', ko: '{key} (리포터는 --reporter로 정하세요)' },
  whyParallel: { en: '{key} (specs run one by one, or with --jobs)', ko: '{key} (스펙은 하나씩, 또는 --jobs로 함께 실행돼요)' },
  whyCleanup: { en: '{key} (each spec starts on a fresh cluster: nothing to clean up)', ko: '{key} (스펙마다 새 클러스터에서 시작하므로 정리할 것이 없어요)' },
  whyDiagnostics: { en: '{key} (kubespec reports every failure with the objects and a diff)', ko: '{key} (kubespec은 실패마다 객체와 diff를 보여 줘요)' },
  whyCrd: { en: '{key}: {value} (the embedded cluster serves no custom resources)', ko: '{key}: {value} (내장 클러스터는 사용자 정의 리소스를 제공하지 않아요)' },
  whyCommand: { en: 'the command `{command}` (a spec runs kubectl only)', ko: '명령 `{command}` (스펙은 kubectl만 실행해요)' },
  whyScript: { en: 'a script that is not kubectl commands alone: {script}', ko: 'kubectl 명령만으로 된 스크립트가 아니에요: {script}' },
  whyIgnoreFailure: { en: 'ignoreFailure (the step fails when the command does)', ko: 'ignoreFailure (명령이 실패하면 단계도 실패해요)' },
  whyTemplate: { en: 'the template {file} (Go templates and bindings are not expanded)', ko: '템플릿 {file} (Go 템플릿과 바인딩은 펼치지 않아요)' },
  whyExpression: { en: 'the expression key {key} in {file} (JMESPath and CEL are not evaluated)', ko: '{file}의 표현식 키 {key} (JMESPath와 CEL은 계산하지 않아요)' },
  whyCel: { en: '{key} (CEL expressions are not evaluated)', ko: '{key} (CEL 표현식은 계산하지 않아요)' },
  whyOperation: { en: 'the operation `{op}`', ko: '`{op}` 동작' },
  whyKey: { en: '{key}: {value}', ko: '{key}: {value}' },
  whyOutside: { en: '{file} lies outside the suite folder', ko: '{file} 파일이 테스트 모음 폴더 밖에 있어요' },
  whyNotServed: { en: '{file}: the embedded cluster serves no {kind} ({version}): the step will fail', ko: '{file}: 내장 클러스터는 {kind}({version})를 제공하지 않아 이 단계는 실패해요' },
  whyUrl: { en: 'the URL {url} (only files of the suite are read)', ko: 'URL {url} (테스트 모음의 파일만 읽어요)' },
  whyStepDir: { en: 'step folder {dir}: its files are applied as one folder (asserts in it are not read)', ko: '단계 폴더 {dir}: 파일을 한 폴더로 적용해요 (그 안의 assert는 읽지 않아요)' },
  inlined: { en: '{file} holds {kind}: its objects are written here instead', ko: '{file}에 {kind}가 있어서 객체를 여기에 직접 썼어요' },
  merged: { en: '{file}: {kind} {name} exists by then: applied as a merge patch, as {tool} does', ko: '{file}: {kind} {name}이(가) 이미 있어서 {tool}처럼 merge 패치로 적용해요' },
  nothingConverted: { en: 'nothing of this {tool} test could be converted', ko: '이 {tool} 테스트에서 변환할 수 있는 것이 없었어요' },
  skippedInSuite: { en: 'skip: true in the Chainsaw test', ko: 'Chainsaw 테스트에 skip: true가 있어요' },
});
