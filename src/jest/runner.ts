// `kubespec/jest-runner`: Jest runs spec files as test files (`runner: 'kubespec/jest-runner'`,
// `testMatch: ['**/*.spec.yaml']`), with its reporters, watch mode, filters and workers; each file
// runs in ./run-file. create-jest-runner (jest-community) does the worker plumbing.
import { createJestRunner } from 'create-jest-runner';

export = createJestRunner(require.resolve('./run-file'));
