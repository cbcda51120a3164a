import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createReporters, REPORTER_NAMES } from './index';
import { UsageError } from '../cli/io';
import { sampleResult } from './testing/sample-result';
import { parseXml } from './testing/xml-check';

describe('createReporters', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-report-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('knows the eight reporters and defaults to pretty on the terminal', () => {
    expect(REPORTER_NAMES).toEqual(['pretty', 'json', 'junit', 'gradescope', 'github', 'tap', 'classroom', 'html']);
    const written: string[] = [];
    const [r, ...rest] = createReporters([], { write: (t) => void written.push(t), color: false, cwd: dir });
    expect(rest).toEqual([]);
    expect(r.name).toBe('pretty');
    expect(r.file).toBeUndefined();
    r.onRunComplete(sampleResult());
    expect(written.join('')).toContain('Specs:  1 passed, 2 failed, 1 error, 4 total');
  });

  it('rejects an unknown name with a usage error listing the known ones', () => {
    const opts = { write: () => undefined, color: false, cwd: dir };
    expect(() => createReporters(['xml'], opts)).toThrow(UsageError);
    expect(() => createReporters(['xml'], opts)).toThrow('known reporters: pretty, json, junit, gradescope, github, tap, classroom, html');
    expect(() => createReporters(['constructor'], opts)).toThrow(UsageError);
    expect(() => createReporters(['junit=a.xml', 'tap=a.xml'], opts)).toThrow(/already writes a\.xml/);
  });

  it('writes NAME=FILE to the file (parent folders created, never coloured) and the rest to the terminal', () => {
    const written: string[] = [];
    const reporters = createReporters(['pretty', 'junit=out/deep/junit.xml', 'json=out/result.json', `tap=${path.join(dir, 'abs.tap')}`], {
      write: (t) => void written.push(t),
      color: true,
      cwd: dir,
    });
    expect(reporters.map((r) => [r.name, r.file && path.relative(dir, r.file)])).toEqual([
      ['pretty', undefined],
      ['junit', path.join('out', 'deep', 'junit.xml')],
      ['json', path.join('out', 'result.json')],
      ['tap', 'abs.tap'],
    ]);
    const result = sampleResult();
    for (const r of reporters) for (const s of result.specs) r.onSpecResult?.(s);
    for (const r of reporters) r.onRunComplete(result);
    expect(written.join('')).toContain('\u001b['); // the terminal reporter was asked for colour
    const xml = fs.readFileSync(path.join(dir, 'out/deep/junit.xml'), 'utf8');
    expect(parseXml(xml).name).toBe('testsuites');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/result.json'), 'utf8')).summary.total).toBe(4);
    expect(fs.readFileSync(path.join(dir, 'abs.tap'), 'utf8').startsWith('TAP version 14\n')).toBe(true);
    expect(written.join('')).not.toContain('TAP version');
  });

  it('a pretty reporter writing to a file is not coloured', () => {
    const [r] = createReporters(['pretty=pretty.txt'], { write: () => undefined, color: true, cwd: dir });
    r.onRunComplete(sampleResult());
    expect(fs.readFileSync(path.join(dir, 'pretty.txt'), 'utf8')).not.toContain('\u001b[');
  });
});
