// What a CLI command needs from the outside world (output streams, working directory, environment,
// whether the terminal is a TTY), so that `main()` runs the same in a test as from bin/kubespec,
// plus the exit codes and the error kinds that map onto them.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour is only on by default there). */
  isTTY: boolean;
}

/** Exit codes of every command. */
export const EXIT = {
  /** Every spec passed (or the score reached --min-score). */
  ok: 0,
  /** Some spec failed. */
  failed: 1,
  /** Usage error (unknown option, missing path) or a spec that could not be loaded (YAML, schema). */
  usage: 2,
  /** A bug in kubespec. */
  internal: 3,
} as const;

/** A command line or input the user must fix: printed as one line, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whether the command line itself is wrong (the message then points at `--help`). */
    readonly commandLine = true,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What a command handler receives besides its options: yargs merges this into `argv` (as
 * `argv.ctx`). A handler writes through `ctx.io` and sets `ctx.exitCode`.
 */
export interface CliContext {
  io: CliIO;
  exitCode: number;
}

/** The context main() passed to yargs, from a handler's `argv`. */
export function contextOf(argv: unknown): CliContext {
  return (argv as { ctx: CliContext }).ctx;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/**
 * Colour: `--color` / `--no-color` when given; otherwise only on a TTY, and never when NO_COLOR is
 * set to a non-empty value (no-color.org). FORCE_COLOR (non-empty, not `0`) turns it on.
 */
export function useColor(flag: boolean | undefined, io: CliIO): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.isTTY;
}
