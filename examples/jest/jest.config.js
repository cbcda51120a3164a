// Two Jest projects: spec files run by kubespec's Jest runner, and JavaScript tests that drive an
// embedded cluster with kubespec's matchers. `npx jest`, `npx jest --watch`, `npx jest -t rolling`.
module.exports = {
  projects: [
    {
      displayName: 'specs',
      runner: 'kubespec/jest-runner',
      testMatch: ['<rootDir>/specs/**/*.spec.yaml'],
      // Jest only looks at files with these extensions.
      moduleFileExtensions: ['yaml', 'js'],
      // kubespec's own options: the seed of seeded names, a submission folder to read manifests from.
      testEnvironmentOptions: { kubespec: { seed: 1 } },
    },
    {
      displayName: 'code',
      testMatch: ['<rootDir>/test/**/*.test.js'],
      setupFilesAfterEnv: ['kubespec/jest'],
    },
  ],
};
