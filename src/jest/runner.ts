// `kubespec/jest-runner`: Jest runs spec files as test files (`runner: 'kubespec/jest-runner'`,
// `testMatch: ['**/*.spec.yaml']`), with its reporters, watch mode and filters; each file runs in
// ./run-file. A serial runner of Jest's callback interface (what jest-runner's own TestRunner
// implements): a spec file takes milliseconds in-process, so worker processes would cost more than
// they save — and create-jest-runner, which adds them, would put 12 MB (jest-worker and its type
// packages) into every production install of kubespec, Jest users or not.
import runFile from './run-file';

/** The parts of Jest's objects the runner reads (Jest's own types are a development dependency). */
interface JestTest {
  path: string;
  context: { config: { rootDir: string; testEnvironmentOptions?: Record<string, unknown> } };
}
interface JestGlobalConfig {
  testNamePattern?: string;
}
interface Watcher {
  isInterrupted(): boolean;
}

class KubespecJestRunner {
  /** Jest runs the files one after another in this process. */
  readonly isSerial = true;

  constructor(private readonly globalConfig: JestGlobalConfig) {}

  async runTests(
    tests: JestTest[],
    watcher: Watcher,
    onStart: (test: JestTest) => Promise<void>,
    onResult: (test: JestTest, result: unknown) => Promise<void>,
    onFailure: (test: JestTest, error: { message: string; stack?: string }) => Promise<void>,
  ): Promise<void> {
    for (const test of tests) {
      if (watcher.isInterrupted()) return;
      await onStart(test);
      try {
        await onResult(test, await runFile({ testPath: test.path, config: test.context.config, globalConfig: this.globalConfig }));
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        await onFailure(test, { message: err.message, stack: err.stack });
      }
    }
  }
}

export = KubespecJestRunner;
