// kubectl emulation: runs one kubectl command line against the embedded cluster and returns what
// kubectl would print and its exit code. The verbs themselves live in ./operations (which the spec
// runner also calls directly); this module only loads the tokenizer, the parser (yargs) and the
// verbs when a command line is first run, so loading it costs nothing.
import type { KubeCluster } from '../cluster/backend';
import type { SettleOptions } from '../cluster/cluster';

export interface KubectlIO {
  /** Read a file named by `-f` (already sandboxed by the caller): its text and display path. */
  readFile(path: string): { text: string; display: string };
  /**
   * For `--from-file` / `--from-env-file` (create configmap|secret): a file's bytes, or a folder's
   * regular files (names) and, in `dirs`, its folders (for `-f DIR -R`), sandboxed as readFile. Without it, files are read as text by readFile.
   */
  readSource?(path: string): { kind: 'file'; data: Buffer } | { kind: 'dir'; entries: string[]; dirs?: string[] };
  /**
   * `kubectl edit`'s editor, scripted by the step: given the file kubectl opens, what the editor
   * saves. Without it, `kubectl edit` says that no editor runs here.
   */
  edit?(file: string): string;
  /**
   * How the step settles (the runner's budget and its `throughout` checks at every state), for the
   * verbs that let the cluster run while they print (`get --watch` until the cluster is quiet).
   */
  settle?: SettleOptions;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run one kubectl command line (with or without the leading `kubectl`). Never throws. */
export function runKubectl(cluster: KubeCluster, commandLine: string, io: KubectlIO): KubectlResult {
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { tokenize, TokenizeError } = require('./tokenize') as typeof import('./tokenize');
    let words: string[];
    try {
      words = tokenize(commandLine);
    } catch (e) {
      if (e instanceof TokenizeError) return { stdout: '', stderr: `error: cannot read the command line: ${e.message}\n`, exitCode: 1 };
      throw e;
    }
    if (words[0] === 'kubectl') words = words.slice(1);
    const { parseCommandLine, isParseFailure } = require('./parse') as typeof import('./parse');
    const parsed = parseCommandLine(words);
    if (isParseFailure(parsed)) return parsed;
    const { runParsed } = require('./commands') as typeof import('./commands');
    /* eslint-enable @typescript-eslint/no-require-imports */
    return runParsed(cluster, parsed, io);
  } catch (e) {
    // A defect in the emulation, not a kubectl error: say so rather than crash the run.
    const msg = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: kubespec's kubectl emulation failed: ${msg}\n`, exitCode: 1 };
  }
}
