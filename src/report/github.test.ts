import { escapeData, escapeProperty, renderGithub, renderStepSummary, workflowCommand } from './github';
import { CWD, NASTY, sampleResult } from './testing/sample-result';
import fc from 'fast-check';

/**
 * How the Actions runner reads a workflow command (actions/runner ActionCommand.TryParseV2): the
 * command runs to the next `::`, properties split on `,` then on the first `=`, then each value and
 * the data are unescaped (%25 last).
 */
function parseCommand(line: string): { command: string; props: Record<string, string>; data: string } | undefined {
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const sp = info.indexOf(' ');
  const command = sp < 0 ? info : info.slice(0, sp);
  const props: Record<string, string> = {};
  if (sp > 0) {
    for (const p of info.slice(sp + 1).trim().split(',').filter(Boolean)) {
      const eq = p.indexOf('=');
      if (eq > 0) props[p.slice(0, eq)] = unescapeProperty(p.slice(eq + 1));
    }
  }
  return { command, props, data: unescapeData(line.slice(end + 2)) };
}
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe('github reporter', () => {
  const text = renderGithub(sampleResult(), CWD);
  const lines = text.trimEnd().split('\n');
  const cmds = lines.map(parseCommand);

  it('writes one workflow command per line: an ::error per failure and a ::notice:: summary last', () => {
    expect(cmds.every(Boolean)).toBe(true);
    expect(cmds.map((c) => c!.command)).toEqual(['error', 'error', 'error', 'error', 'error', 'error', 'notice']);
    expect(lines[lines.length - 1]).toMatch(/^::notice::kubespec: Specs%3A|^::notice::kubespec: Specs: /);
    expect(cmds[6]!.data).toBe('kubespec: Specs: 1 passed, 2 failed, 1 error, 4 total; Steps: 4 passed, 2 failed, 1 error, 1 skipped, 8 total; Score: 4.5/9.5; Time: 42 ms (engine 13 ms)');
  });

  it('places a failure on the assertion line of the spec file, titled spec › step, with the details', () => {
    const first = cmds[0]!;
    expect(first.props).toEqual({ file: 'specs/deploy.spec.yaml', line: '14', col: '7', title: 'Deployment rolls to a new image › set the image' });
    expect(first.data).toContain('expected 3 Pods with app=nginx, found 2\n');
    expect(first.data).toContain('-image: nginx:1.25\n+image: nginx:latest');
    // a spec that could not load: one annotation per problem, on its line, with the hint
    expect(cmds[1]!.props).toEqual({ file: 'specs/broken.spec.yaml', line: '4', col: '5', title: 'broken spec › could not run' });
    expect(cmds[1]!.data).toBe('steps[0]: unknown action "aply"\nhint: did you mean `apply`?');
    expect(cmds[2]!.props).toEqual({ file: 'specs/broken.spec.yaml', line: '9', col: '9', title: 'broken spec › could not run' });
    // no location: the spec file alone
    expect(cmds[4]!.props.file).toBe('specs/deploy.spec.yaml');
    expect(cmds[4]!.props.line).toBeUndefined();
  });

  it('escapes %, CR, LF in data and also : and , in properties, so every value round-trips', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const nasty = cmds[3]!;
    expect(nasty.props.title).toContain('g: h, i');
    expect(lines.every((l) => !l.includes('\r'))).toBe(true);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (file, title, msg) => {
        const line = workflowCommand('error', { file, title }, msg);
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line)!;
        expect(parsed.data).toBe(msg);
        if (file.trim()) expect(parsed.props.file).toBe(file.trim());
        if (title.trim()) expect(parsed.props.title).toBe(title.trim());
      }),
      { numRuns: 500 },
    );
    expect(parseCommand(workflowCommand('error', { title: NASTY }, NASTY))).toEqual({ command: 'error', props: { title: NASTY.trim() }, data: NASTY });
  });

  it('never writes terminal control characters from spec text into the log', () => {
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});

describe('the job summary ($GITHUB_STEP_SUMMARY)', () => {
  it('a row per spec with its status and points, then the score; names cannot break the table or inject HTML', () => {
    const text = renderStepSummary(sampleResult(), CWD);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['### kubespec', '', '| | spec file | spec | points |', '| --- | --- | --- | --- |']);
    expect(text).toContain('| ✅ | specs/replicaset.spec.yaml | ReplicaSet keeps three pods | 3/3 |');
    expect(text).toContain('| ❌ | specs/deploy.spec.yaml | Deployment rolls to a new image | 1/3 |');
    // every table row has its four cells: no `|`, line break or tag from a name survives unescaped
    for (const row of lines.filter((l) => l.startsWith('| ✅') || l.startsWith('| ❌'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
      expect(row).not.toMatch(/<[a-z]/i);
    }
    expect(text).toMatch(/\n\*\*Score: 4\.5\/9\.5\*\* \(\d+ of \d+ specs passed\)\n$/);
  });
});
