// kubectl emulation (being built): parses a kubectl command line and runs it against the cluster.
import type { Cluster } from '../cluster/cluster';

export interface KubectlIO {
  /** Read a file named by `-f` (already sandboxed by the caller): its text and display path. */
  readFile(path: string): { text: string; display: string };
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run one kubectl command line (with or without the leading `kubectl`). Never throws. */
export function runKubectl(_cluster: Cluster, _commandLine: string, _io: KubectlIO): KubectlResult {
  return { stdout: '', stderr: 'error: kubectl emulation not built yet\n', exitCode: 1 };
}
