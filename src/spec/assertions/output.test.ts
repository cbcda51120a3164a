// Output assertions of kubectl steps: text contained or /regex/ matched, exit code, and a diff of
// what was expected against what was printed.
import { checkOutputAssertion } from './output';
import { textPattern } from '../pattern';
import type { OutputAssertion } from '../model';

const at = { file: 'a.spec.yaml', line: 4, column: 9 };
const a = (x: Partial<OutputAssertion>): OutputAssertion => ({ type: 'output', location: at, path: [], ...x });
const printed = { text: 'NAME           READY   STATUS    RESTARTS   AGE\nweb-abc12      1/1     Running   0          5s\n', exitCode: 0, stderr: '' };

describe('checkOutputAssertion', () => {
  it('text is contained, /regex/ matches, exit code equals', () => {
    expect(checkOutputAssertion(a({ output: textPattern('Running'), exitCode: 0 }), printed)).toBeUndefined();
    expect(checkOutputAssertion(a({ output: textPattern('/web-\\w{5} +1\\/1/') }), printed)).toBeUndefined();
  });

  it('a missing text fails with a diff of expected against printed', () => {
    const f = checkOutputAssertion(a({ output: textPattern('web-abc12      0/1') }), printed)!;
    expect(f.message).toBe('expected the output to contain "web-abc12      0/1"');
    expect(f.diff).toBe(
      [
        '--- expected output',
        '+++ actual output',
        '@@ -1,1 +1,2 @@',
        '-web-abc12      0/1',
        '+NAME           READY   STATUS    RESTARTS   AGE',
        '+web-abc12      1/1     Running   0          5s',
      ].join('\n'),
    );
    expect(f.mismatches![0].fields[0]).toMatchObject({ path: 'output', note: 'does not contain the text' });
  });

  it('exit code and regex failures together', () => {
    const f = checkOutputAssertion(a({ output: textPattern('/Pending/'), exitCode: 1 }), printed)!;
    expect(f.message).toBe('expected exit code 1, got 0; expected the output to match /Pending/');
    expect(f.mismatches![0].fields.map((m) => m.path)).toEqual(['exitCode', 'output']);
  });

  it('no command, no output', () => {
    expect(checkOutputAssertion(a({ exitCode: 0 }), undefined)!.message).toBe('this step ran no kubectl command, so it has no output to check');
  });
});
