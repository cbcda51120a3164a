// Where a reporter's text goes: the terminal (written as it comes) or a file (collected, then
// written once at the end of the run, creating missing parent folders).
import * as fs from 'fs';
import * as path from 'path';
import { FileAccessError } from '../manifest/files';
import type { Reporter } from './reporter';
import type { RunResult } from '../runner/result';
import { makeFolder } from '../util/folders';
import { msg } from '../i18n';
import { reportMessages as m } from '../i18n/messages/report';

export interface Output {
  write(text: string): void;
  /** End of the run: a file output writes its file here. */
  close(): void;
  /** The file written, for outputs that write one. */
  readonly file?: string;
}

export function terminalOutput(write: (text: string) => void): Output {
  return { write, close: () => undefined };
}

/**
 * Where GitHub's runner finds a workflow command in a line of a step's log ("Workflow commands for
 * GitHub Actions", https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions;
 * the parser is actions/runner src/Runner.Common/ActionCommand.cs, fed by ReadLine in ProcessInvoker):
 * `::name ...::` once the line is trimmed of leading white space (TryParseV2, .NET's TrimStart, so
 * NEL U+0085 and NBSP count as white space, which JavaScript's \s misses for NEL), and the legacy
 * `##[name ...]` anywhere in the line (TryParse looks it up with IndexOf). Lines end at CR, LF or
 * CR LF (.NET's ReadLine), so a lone CR starts a line too.
 */
const V2_COMMAND = /^([\s\u0085]*):(?=:)/;
const LEGACY_COMMAND = /##\[/g;
const LINE_END = /\r\n|\r|\n/;

/**
 * One line, as the runner reads it, that runs no command: a zero-width space (U+200B, which
 * TrimStart does not strip) splits a leading `::` and every `##[`. It prints as written.
 */
function neutraliseLine(line: string): string {
  return line.replace(V2_COMMAND, '$1:\u200b').replace(LEGACY_COMMAND, '##\u200b[');
}

/**
 * Text (any number of lines, CR and LF kept as they are) that runs no workflow command in a
 * GitHub Actions log. Escaping rather than `::stop-commands::<token>` (the documented way to print
 * untrusted text, "Stopping and starting workflow commands"): the output stays the same from run to
 * run (--no-timings is byte-identical), and the `github` reporter's own commands, printed between
 * the same reporter's lines, keep working.
 */
export function neutraliseCommands(text: string): string {
  let out = '';
  let rest = text;
  for (let m = LINE_END.exec(rest); m; m = LINE_END.exec(rest)) {
    out += neutraliseLine(rest.slice(0, m.index)) + m[0];
    rest = rest.slice(m.index + m[0].length);
  }
  return out + neutraliseLine(rest);
}

/**
 * Terminal output for a CI log: every line is neutralised (a student's string
 * `\n::error file=x::forged` printed by the pretty reporter runs nothing). Lines can arrive split
 * across writes, and only a whole line can be judged (`#` + `#[`): text after the last line end
 * waits for the next write, or for close.
 */
export function ciLogOutput(write: (text: string) => void): Output {
  let pending = '';
  return {
    write(text: string) {
      pending += text;
      // A CR at the very end may be the first half of CR LF: keep it with the partial line.
      const cut = Math.max(pending.lastIndexOf('\n'), pending.endsWith('\r') ? -1 : pending.lastIndexOf('\r'));
      if (cut < 0) return;
      const whole = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      write(neutraliseCommands(whole));
    },
    close() {
      if (pending) write(neutraliseCommands(pending));
      pending = '';
    },
  };
}

/** A write that cannot go on, for the message: the system's words, minus the code and the call. */
function writeFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  // ENXIO is what opening a named pipe for writing without blocking says when nobody reads it.
  if (err.code === 'ENXIO') return msg(m.pipeWithoutReader);
  if (err.code === 'EAGAIN') return msg(m.readerStopped);
  return err.message.replace(/^[A-Z]+: /, '').split(',')[0];
}

/** How long a write to a pipe or terminal may make no progress (its reader stopped) before it fails. */
const STALL_MS = 30_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Write a whole report file (`-r junit=FILE`, a student's report, the roster), creating its folder:
 * any failure is a FileAccessError (one line, exit 2), never an internal error, and never a hang.
 * The file is opened non-blocking: `-r junit=FIFO` with nobody reading blocked forever in open(2),
 * and now fails at once (ENXIO). A pipe or terminal that does have a reader may then refuse a write
 * while it is full (EAGAIN): it is retried until the reader has made no room for STALL_MS.
 */
export function writeOutputFile(file: string, text: string): void {
  try {
    makeFolder(path.dirname(file));
    const { O_WRONLY, O_CREAT, O_TRUNC, O_NONBLOCK } = fs.constants;
    const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK, 0o666);
    try {
      const buf = Buffer.from(text, 'utf8');
      let stalledSince: number | undefined;
      for (let off = 0; off < buf.length; ) {
        try {
          off += fs.writeSync(fd, buf, off, buf.length - off);
          stalledSince = undefined;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          stalledSince ??= Date.now();
          if (Date.now() - stalledSince > STALL_MS) throw e;
          sleep(10);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    // A report that cannot be written (`-r junit=/dev/full`, a folder or a file in the way) is the
    // user's to fix: one line, exit 2 (FileAccessError), never an internal error.
    throw new FileAccessError(msg(m.cannotWriteReport, { file, why: writeFailure(e) }));
  }
}

/**
 * Check, before a run, that `file` can be written: its folder made (or there), nothing in the way,
 * and the file openable for writing (`-r junit=/proc/x`, `-r junit=existing-file/x.xml` or a
 * read-only folder were learnt only after every spec had run). Leaves no file behind that was not
 * there. A device that refuses the bytes themselves (`/dev/full`) still fails at write time.
 */
export function probeOutputFile(file: string): void {
  try {
    makeFolder(path.dirname(file));
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      const e = new Error(`EISDIR: illegal operation on a directory, open '${file}'`) as NodeJS.ErrnoException;
      e.code = 'EISDIR';
      throw e;
    }
    const { O_WRONLY, O_CREAT, O_EXCL, O_NONBLOCK } = fs.constants;
    // An existing file is opened without truncating it (a failed run keeps the last report); a new
    // one is created exclusively and removed again. Non-blocking: a FIFO must not hang the probe.
    const fd = fs.openSync(file, st ? O_WRONLY | O_NONBLOCK : O_WRONLY | O_CREAT | O_EXCL | O_NONBLOCK, 0o666);
    fs.closeSync(fd);
    if (!st) fs.rmSync(file, { force: true });
  } catch (e) {
    throw new FileAccessError(msg(m.cannotWriteReport, { file, why: writeFailure(e) }));
  }
}

export function fileOutput(file: string): Output {
  const chunks: string[] = [];
  return {
    file,
    write: (text) => void chunks.push(text),
    close: () => {
      try {
        writeOutputFile(file, chunks.join(''));
      } finally {
        chunks.length = 0;
      }
    },
  };
}

/**
 * A reporter that renders the whole run as one document at the end (json, junit, tap, github,
 * gradescope): each format only supplies its `render` function.
 */
export class DocumentReporter implements Reporter {
  constructor(
    readonly name: string,
    private readonly out: Output,
    private readonly render: (result: RunResult) => string,
  ) {}

  get file(): string | undefined {
    return this.out.file;
  }

  onRunComplete(result: RunResult): void {
    this.out.write(this.render(result));
    this.out.close();
  }
}
