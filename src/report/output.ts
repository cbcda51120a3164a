// Where a reporter's text goes: the terminal (written as it comes) or a file (collected, then
// written once at the end of the run, creating missing parent folders).
import * as fs from 'fs';
import * as path from 'path';
import type { Reporter } from './reporter';
import type { RunResult } from '../runner/result';

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

export function fileOutput(file: string): Output {
  const chunks: string[] = [];
  return {
    file,
    write: (text) => void chunks.push(text),
    close: () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, chunks.join(''), 'utf8');
      chunks.length = 0;
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
