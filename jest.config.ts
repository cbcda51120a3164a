// Jest runs the TypeScript sources through ts-jest in transpile-only mode (isolatedModules in tsconfig):
// type errors are caught once, by `tsc --noEmit` in `npm test`, not again per test file.
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

export default config;
