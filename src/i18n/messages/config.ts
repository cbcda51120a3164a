// The config file's own messages (kubespec.config.json / .yaml, or "kubespec" in package.json).
import { defineMessages, type Params } from '../index';

export const configMessages = defineMessages({
  notAMap: { en: 'the configuration must be a map of options (see kubespec --help)', ko: '설정은 옵션 이름과 값의 맵이어야 해요 (kubespec --help 참고)' },
  unknownKey: { en: 'unknown option `{key}`{hint}', ko: '알 수 없는 옵션이에요: `{key}`{hint}' },
  didYouMean: { en: ' (did you mean `{word}`?)', ko: ' (혹시 `{word}`인가요?)' },
  knownKeys: { en: ' (options: {words})', ko: ' (쓸 수 있는 옵션: {words})' },
  // {found}: what is there, as English describes it (`number -1`, `a list`); {value}: the value itself.
  wrongType: {
    en: (p: Params) => `\`${p.key}\` must be ${p.expected}, found ${p.found}`,
    ko: (p: Params) => `\`${p.key}\`: ${p.expected}만 쓸 수 있어요 (지금 값: ${p.value})`,
  },
  badValue: { en: '`{key}`: {problem}', ko: '`{key}`: {problem}' },
  typeString: { en: 'a string', ko: '문자열' },
  typeBoolean: { en: 'true or false', ko: 'true 또는 false' },
  typeCount: { en: 'a whole number', ko: '0 이상의 정수' },
  typeStrings: { en: 'a string or a list of strings', ko: '문자열이나 문자열 목록' },
  typeLang: { en: 'en or ko', ko: 'en 또는 ko' },
  typeScore: { en: 'a number of points or a percentage such as "80%"', ko: '점수나 "80%" 같은 백분율' },
  typeMap: { en: 'a map of options', ko: '옵션 맵' },
  notFound: { en: '--config {file}: no such file', ko: '--config {file}: 파일이 없어요' },
  unreadable: { en: '{file}: cannot be read: {reason}', ko: '{file}: 읽을 수 없어요: {reason}' },
  badJson: { en: '{file}: invalid JSON: {reason}', ko: '{file}: JSON 형식이 올바르지 않아요: {reason}' },
  badYaml: { en: '{file}: invalid YAML: {reason}', ko: '{file}: YAML 형식이 올바르지 않아요: {reason}' },
});
