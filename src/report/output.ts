// Where a reporter's text goes: the terminal (written as it comes) or a file (collected, then
// written once at the end of the run, creating missing parent folders).
import * as fs from 'fs';
import * as path from 'path';
import { FileAccessError } from '../manifest/files';
import type { Reporter } from './reporter';
import type { RunResult } from '../runner/result';
import { makeFolder } from '../util/folders';

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
 * A line GitHub Actions would run as a workflow command: `::name ...::` or the legacy `##[name]`,
 * after leading whitespace (docs.github.com, "Workflow commands for GitHub Actions").
 */
const COMMAND_LINE = /^(\s*)(::|##\[)/;

/**
 * Terminal output for a CI log: a line that would start a workflow command (a student's string
 * `\n::error file=x::forged` printed by the pretty reporter) gets a zero-width space before its
 * `::` / `##[`, so it prints as written but is no command. Lines can arrive split across writes:
 * only what starts a line is checked.
 */
export function ciLogOutput(write: (text: string) => void): Output {
  let atLineStart = true;
  let pending = '';
  const neutralise = (line: string) => line.replace(COMMAND_LINE, '$1\u200b$2');
  return {
    write(text: string) {
      const parts = (pending + text).split(/(?<=\n)/);
      pending = '';
      let out = '';
      for (const part of parts) {
        if (!part.endsWith('\n') && atLineStart && part.trim().length < 3 && !/\S{3}/.test(part)) {
          // Too short to tell yet (`:`, `  #`): keep it for the next write.
          pending = part;
          break;
        }
        out += atLineStart ? neutralise(part) : part;
        atLineStart = part.endsWith('\n');
      }
      if (out) write(out);
    },
    close() {
      if (pending) write(atLineStart ? neutralise(pending) : pending);
      pending = '';
    },
  };
}

export function fileOutput(file: string): Output {
  const chunks: string[] = [];
  return {
    file,
    write: (text) => void chunks.push(text),
    close: () => {
      try {
        makeFolder(path.dirname(file));
        fs.writeFileSync(file, chunks.join(''), 'utf8');
      } catch (e) {
        // A report that cannot be written (`-r junit=/dev/full`, a folder in the way) is the
        // user's to fix: one line, exit 2 (FileAccessError), never an internal error.
        const err = e as NodeJS.ErrnoException;
        throw new FileAccessError(`cannot write the report ${file}: ${err.message.replace(/^[A-Z]+: /, '').split(',')[0]}`);
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
