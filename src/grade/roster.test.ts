import { csvField, rosterCsv, rosterRow } from './roster';
import { summarize, type SpecResult } from '../runner/result';

const spec = (status: SpecResult['status'], score: number, maxScore: number): SpecResult => ({
  file: 'x.spec.yaml',
  name: status,
  index: 0,
  status,
  durationMs: 1,
  engineMs: 1,
  score,
  maxScore,
  steps: [],
});

describe('roster', () => {
  it('a row: score, maximum, percentage and spec counts', () => {
    const specs = [spec('passed', 4, 4), spec('failed', 1, 3), spec('error', 0, 3)];
    const withSkipped = [...specs, spec('skipped', 0, 0)];
    expect(rosterRow('bob', { specs: withSkipped, summary: summarize(withSkipped, 1), seed: 1 }, 'bob.json')).toMatchObject({ passed: 1, skipped: 1, maxScore: 10 });
    expect(rosterRow('alice', { specs, summary: summarize(specs, 1), seed: 1 }, 'alice.json')).toEqual({
      student: 'alice',
      score: 5,
      maxScore: 10,
      percent: 50,
      passed: 1,
      failed: 1,
      errors: 1,
      skipped: 0,
      report: 'alice.json',
    });
    expect(rosterRow('nobody', { specs: [], summary: summarize([], 0), seed: 1 }, 'nobody.json').percent).toBe(0);
    const third = [spec('failed', 1, 3)];
    expect(rosterRow('t', { specs: third, summary: summarize(third, 1), seed: 1 }, 't.json').percent).toBe(33.33);
  });

  it('CSV: a header, RFC 4180 quoting, and no formula injection from folder names', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    // A folder name stays on one line, and no character in it drives a terminal or a CI log.
    expect(csvField('two\nlines')).toBe('two\\nlines');
    expect(csvField('a\u001b[31mb\u0085c\u009bd\u2028e\u2029f\rg')).toBe('a\\u001b[31mb\\u0085c\\u009bd\\u2028e\\u2029f\\rg');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1)).toBe('-1');
    const row = { student: 'a,b', score: 1.5, maxScore: 3, percent: 50, passed: 1, failed: 1, errors: 0, skipped: 0, report: 'x' };
    // UTF-8 with a BOM, so that Excel shows Korean names
    expect(rosterCsv([row])).toBe('\ufeffstudent,score,maxScore,percent,passed,failed,errors,skipped\r\n"a,b",1.5,3,50,1,1,0,0\r\n');
  });
});
