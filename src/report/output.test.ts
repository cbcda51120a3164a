// Terminal output in a CI log: a line that would run as a GitHub Actions workflow command (student
// text printed by the pretty reporter) is neutralised; everything else passes as written. "Would
// run" is the runner's own rule (testing/actions-runner.ts): `::` after leading white space, as
// .NET counts it, or `##[` anywhere in a line, lines ending at CR as well as LF. And report files
// that cannot be written fail with one clear line, at once.
import { execFileSync, spawn } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileAccessError } from '../manifest/files';
import { ciLogOutput, neutraliseCommands, probeOutputFile, writeOutputFile } from './output';
import { commandsIn } from './testing/actions-runner';

function through(chunks: string[]): string {
  let out = '';
  const o = ciLogOutput((t) => void (out += t));
  for (const c of chunks) o.write(c);
  o.close();
  return out;
}

const unmarked = (s: string) => s.replace(/\u200b/g, '');

test('forged commands at a line start, indented or not, are defused; the text is kept', () => {
  const out = through(['    Error: bad\n::error file=x.yaml::you pass\n', '  ##[error]masked\n', 'ok :: fine\n']);
  expect(commandsIn(out)).toEqual([]);
  expect(unmarked(out)).toBe('    Error: bad\n::error file=x.yaml::you pass\n  ##[error]masked\nok :: fine\n');
});

test('the runner’s other ways in: ##[ inside a line, a lone CR as a line end, NEL as white space', () => {
  const forged = ['name: ok ##[add-mask]secret\n', 'fine\r::error::forged\n', '\u0085::warning::nel\n', '\u2028::notice::ls\n', '\u00a0 ::group::nbsp\n'];
  expect(commandsIn(forged.join(''))).toEqual(['add-mask', 'error', 'warning', 'notice', 'group']);
  const out = through(forged);
  expect(commandsIn(out)).toEqual([]);
  expect(unmarked(out)).toBe(forged.join(''));
});

test('neutraliseCommands: one line of text (an error message) made safe the same way', () => {
  expect(commandsIn(neutraliseCommands('kubespec: x\r::error::y ##[add-mask]z'))).toEqual([]);
  expect(neutraliseCommands('plain text: a::b')).toBe('plain text: a::b');
});

test('whatever the chunking, no output line runs a command, and removing the marks gives the input back', () => {
  const piece = fc.constantFrom('::', '##[', ']', ':', '#', '[', ' ', '\n', '\r', '\u0085', '\u2028', 'a', 'error', '::stop-commands::x');
  fc.assert(
    fc.property(fc.array(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), { maxLength: 8 }), (chunks) => {
      const out = through(chunks);
      expect(unmarked(out)).toBe(chunks.join(''));
      expect(commandsIn(out)).toEqual([]);
    }),
    { numRuns: 500 },
  );
});

describe('writeOutputFile: one clear error, never a hang', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-write-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a full disk, a folder in the way, a pipe nobody reads', () => {
    if (fs.existsSync('/dev/full')) expect(() => writeOutputFile('/dev/full', 'x')).toThrow(new FileAccessError('cannot write the report /dev/full: no space left on device'));
    expect(() => writeOutputFile(dir, 'x')).toThrow(`cannot write the report ${dir}: illegal operation on a directory`);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => writeOutputFile(path.join(dir, 'file', 'report.json'), 'x')).toThrow('not a directory');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(() => writeOutputFile(path.join(dir, 'fifo'), 'x')).toThrow('a named pipe with no reader');
  });

  test('probeOutputFile fails as the write would, before it, and leaves the disk as it found it', () => {
    expect(() => probeOutputFile(dir)).toThrow(`cannot write the report ${dir}: illegal operation on a directory`);
    fs.writeFileSync(path.join(dir, 'file'), 'kept');
    expect(() => probeOutputFile(path.join(dir, 'file', 'report.json'))).toThrow('not a directory');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(() => probeOutputFile(path.join(dir, 'fifo'))).toThrow('a named pipe with no reader');
    // a new file is made and removed again (its folder stays: the report goes there); an existing one is not truncated
    probeOutputFile(path.join(dir, 'new', 'junit.xml'));
    expect(fs.readdirSync(path.join(dir, 'new'))).toEqual([]);
    probeOutputFile(path.join(dir, 'file'));
    expect(fs.readFileSync(path.join(dir, 'file'), 'utf8')).toBe('kept');
    if (process.getuid?.() !== 0) {
      fs.chmodSync(path.join(dir, 'file'), 0o444);
      expect(() => probeOutputFile(path.join(dir, 'file'))).toThrow('permission denied');
    }
  });

  test('a pipe with a reader gets everything, past what the pipe holds at once', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // cat writes to a file, not back to this process: this thread blocks while it writes.
    const copy = path.join(dir, 'copy');
    const reader = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, copy]);
    const done = new Promise((resolve) => reader.on('close', resolve));
    const text = 'x'.repeat(1024 * 1024);
    // Until cat has opened the pipe, writing it fails as a pipe with no reader.
    for (let i = 0; ; i++) {
      try {
        writeOutputFile(fifo, text);
        break;
      } catch (e) {
        if (i > 200 || !String(e).includes('no reader')) throw e;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    await done;
    expect(fs.readFileSync(copy, 'utf8')).toBe(text);
  });

  test('a regular file: written whole, parent folders made', () => {
    writeOutputFile(path.join(dir, 'a', 'b', 'r.json'), '{}\n');
    expect(fs.readFileSync(path.join(dir, 'a', 'b', 'r.json'), 'utf8')).toBe('{}\n');
  });
});
