// `kubespec run --watch`: the lines between runs.
import { defineMessages, type Params } from '../index';

export const watchMessages = defineMessages({
  summary: {
    en: (p: Params) => `Watching ${p.files} spec file${Number(p.files) === 1 ? '' : 's'}: ${p.passed} passed, ${p.failed} failed, score ${p.score} · a: run all, q: quit`,
    ko: (p: Params) => `스펙 파일 ${p.files}개를 지켜보는 중: 통과 ${p.passed}, 실패 ${p.failed}, 점수 ${p.score} · a: 모두 다시 실행, q: 끝내기`,
  },
  rerun: {
    en: (p: Params) => `${p.file} changed: running ${p.specs}`,
    ko: (p: Params) => `${p.file}이(가) 바뀌어 다시 실행해요: ${p.specs}`,
  },
  runAll: { en: 'running every spec file', ko: '모든 스펙 파일을 다시 실행해요' },
  nothingToRun: { en: '{file} changed: no spec reads it', ko: '{file}이(가) 바뀌었지만 이 파일을 읽는 스펙이 없어요' },
  runFailed: { en: 'the run stopped: {message}', ko: '실행이 멈췄어요: {message}' },
  noShard: { en: '--watch cannot be combined with --shard', ko: '--watch는 --shard와 함께 쓸 수 없어요' },
  watchOption: {
    en: 'Run again when a spec or a manifest it reads changes (a: run all, q: quit)',
    ko: '스펙이나 스펙이 읽는 매니페스트가 바뀌면 다시 실행 (a: 모두 실행, q: 끝내기)',
  },
});
