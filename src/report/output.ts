// Where a reporter's text goes: the terminal (written as it comes) or a file (collected, then
// written once at the end of the run, creating missing parent folders).
import * as fs from 'fs';
import * as path from 'path';

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
