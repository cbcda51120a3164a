// The command line's own text: usage errors, --help descriptions, the lines around every run.
import { defineMessages } from '../index';

export const cliMessages = defineMessages({
  langOption: {
    en: 'Language of kubespec\'s messages: en or ko (default: from LC_ALL, LC_MESSAGES or LANG)',
    ko: 'kubespec 메시지의 언어: en 또는 ko (기본값: LC_ALL, LC_MESSAGES, LANG 설정을 따름)',
  },
  badLang: {
    en: '--lang {value}: expected en or ko',
    ko: '--lang {value}: en 또는 ko 중 하나를 지정하세요',
  },
});
