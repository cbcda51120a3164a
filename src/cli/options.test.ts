import { parseCount, parseMinScore, parseReporter, parseShard, reachesMinScore } from './options';
import { useColor, type CliIO } from './io';
import { rewordYargs } from './index';
import { setLang } from '../i18n';

describe('option values', () => {
  it('--reporter NAME or NAME=FILE', () => {
    expect(parseReporter('pretty')).toEqual({ name: 'pretty' });
    expect(parseReporter('JUnit=out/junit.xml')).toEqual({ name: 'junit', file: 'out/junit.xml' });
    expect(parseReporter('json=a=b.json')).toEqual({ name: 'json', file: 'a=b.json' });
    expect(() => parseReporter('json=')).toThrow("--reporter json=: no file after '='");
    expect(() => parseReporter('=x')).toThrow('--reporter =x: expected NAME or NAME=FILE');
  });

  it('--shard INDEX/COUNT, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('--min-score in points or percent, compared in hundredths', () => {
    expect(parseMinScore('7')).toEqual({ value: 7, percent: false });
    expect(parseMinScore('80%')).toEqual({ value: 80, percent: true });
    expect(parseMinScore(2.5)).toEqual({ value: 2.5, percent: false });
    expect(() => parseMinScore('101%')).toThrow('cannot exceed 100%');
    expect(() => parseMinScore('x')).toThrow('--min-score x');
    expect(reachesMinScore({ value: 2, percent: false }, 2, 3)).toBe(true);
    expect(reachesMinScore({ value: 2.01, percent: false }, 2, 3)).toBe(false);
    expect(reachesMinScore({ value: 66, percent: true }, 2, 3)).toBe(true);
    expect(reachesMinScore({ value: 67, percent: true }, 2, 3)).toBe(false);
    // 0.1 + 0.2 points is 0.3 points, float error notwithstanding
    expect(reachesMinScore({ value: 0.3, percent: false }, 0.1 + 0.2, 1)).toBe(true);
  });

  it('whole numbers for --seed and --jobs', () => {
    expect(parseCount('seed', '0')).toBe(0);
    expect(parseCount('jobs', 4, 1)).toBe(4);
    expect(() => parseCount('jobs', '0', 1)).toThrow('--jobs 0: must be at least 1');
    expect(() => parseCount('seed', '1.5')).toThrow('--seed 1.5: expected a whole number');
    expect(() => parseCount('seed', '99999999999999999999')).toThrow('must be at least 0');
  });
});

describe('colour', () => {
  const io = (isTTY: boolean, env: Record<string, string> = {}): CliIO => ({ stdout: () => undefined, stderr: () => undefined, cwd: '.', env, isTTY });
  it('is on only on a terminal, off with NO_COLOR, on with FORCE_COLOR; the flag wins', () => {
    expect(useColor(undefined, io(true))).toBe(true);
    expect(useColor(undefined, io(false))).toBe(false);
    expect(useColor(undefined, io(true, { NO_COLOR: '1' }))).toBe(false);
    expect(useColor(undefined, io(true, { NO_COLOR: '' }))).toBe(true); // no-color.org: only a non-empty value counts
    expect(useColor(undefined, io(false, { FORCE_COLOR: '1' }))).toBe(true);
    expect(useColor(undefined, io(false, { FORCE_COLOR: '0' }))).toBe(false);
    expect(useColor(false, io(true))).toBe(false);
    expect(useColor(true, io(false, { NO_COLOR: '1' }))).toBe(true);
  });
});

describe('yargs messages in kubespec words', () => {
  it.each([
    ['Unknown argument: bogus', ['run', '--bogus'], 'unknown option --bogus'],
    ['Unknown argument: x', ['run', '-x'], 'unknown option -x'],
    ['Unknown arguments: a, b', ['run', '--a=1', '--b'], 'unknown option --a; unknown option --b'],
    ['Unknown argument: nope', ['nope'], "unknown command 'nope'"],
    ['Unknown argument: extra', ['validate', 'specs', 'extra'], "unexpected argument 'extra'"],
    ['Not enough arguments following: seed', ['run', '--seed'], '--seed needs a value'],
    ['Did you mean run?', ['rnu'], "unknown command 'rnu'; did you mean 'run'?"],
    ['Missing required argument: x', [], 'missing required argument: x'],
  ])('%s', (msg, argv, expected) => {
    expect(rewordYargs(msg, argv)).toBe(expected);
  });
});

describe('yargs messages in Korean', () => {
  afterEach(() => setLang('en'));
  it.each([
    ['Unknown argument: bogus', ['run', '--bogus'], '알 수 없는 옵션이에요: --bogus'],
    ['Unknown argument: nope', ['--lang', 'ko', 'nope'], "알 수 없는 명령이에요: 'nope'"],
    ['Unknown argument: extra', ['validate', 'specs', 'extra'], "알 수 없는 인수예요: 'extra'"],
    ['Not enough arguments following: seed', ['run', '--seed'], '--seed 옵션에 값을 지정하세요'],
    ['Did you mean run?', ['rnu'], "알 수 없는 명령이에요: 'rnu' (혹시 'run' 명령인가요?)"],
    ['Missing required argument: x', [], '꼭 필요한 인수가 없어요: x'],
    ['Too many non-option arguments: got 3, maximum of 1', [], '옵션이 아닌 인수가 너무 많아요: 3개 (최대 1개)'],
    ['Arguments a and b are mutually exclusive', [], 'a 옵션과 b 옵션은 함께 쓸 수 없어요'],
  ])('%s', (text, argv, expected) => {
    setLang('ko');
    expect(rewordYargs(text, argv)).toBe(expected);
  });
});
