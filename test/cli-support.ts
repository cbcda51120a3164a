// For tests of the command line run in-process: main(argv, io) from the repository root, with
// stdout and stderr captured, and the exit code it resolves to.
import * as path from 'path';
import { main, type CliIO } from '../src/cli';

const ROOT = path.resolve(__dirname, '..');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** kubespec with these environment variables (GITHUB_ACTIONS=true: a GitHub Actions log). */
export async function kubespecIn(env: Record<string, string>, ...argv: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT, env, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** kubespec with no environment (not a CI log, no colour). */
export function kubespec(...argv: string[]): Promise<Outcome> {
  return kubespecIn({}, ...argv);
}
