// A RunResult exercising everything a reporter must render (for the reporters' tests): a passing
// spec, a failing one with selection, mismatches and a diff, a spec that could not load, a spec
// whose names hold markup, `#`, `\`, `%`, `:`, `,`, newlines and control characters, repeated step
// names, kubectl output, and a skipped step.
import { summarize, type RunResult, type SpecResult } from '../../runner/result';

export const CWD = '/work/course';

export const NASTY = 'a <b> & "c" \'d\' # e \\ f % g: h, i\u0001j\u001b[31mk\u0000l\nm\r\n]]> \uD800 end';

export function sampleSpecs(): SpecResult[] {
  return [
    {
      file: 'specs/replicaset.spec.yaml',
      name: 'ReplicaSet keeps three pods',
      index: 0,
      location: { file: `${CWD}/specs/replicaset.spec.yaml`, line: 1, column: 1 },
      status: 'passed',
      durationMs: 12,
      engineMs: 5,
      score: 3,
      maxScore: 3,
      steps: [
        { name: 'create the ReplicaSet', status: 'passed', durationMs: 6, points: 1.5, score: 1.5, failures: [] },
        { name: 'delete a pod', status: 'passed', durationMs: 6, points: 1.5, score: 1.5, failures: [] },
      ],
    },
    {
      file: 'specs/deploy.spec.yaml',
      name: 'Deployment rolls to a new image',
      index: 0,
      status: 'failed',
      durationMs: 20,
      engineMs: 7,
      score: 1,
      maxScore: 3,
      steps: [
        { name: 'apply nginx-deploy.yaml', status: 'passed', durationMs: 5, points: 1, score: 1, failures: [] },
        {
          name: 'set the image',
          status: 'failed',
          location: { file: `${CWD}/specs/deploy.spec.yaml`, line: 10, column: 5 },
          durationMs: 9,
          points: 1,
          score: 0,
          failures: [
            {
              message: 'expected 3 Pods with app=nginx, found 2',
              kind: 'expect',
              location: { file: `${CWD}/specs/deploy.spec.yaml`, line: 14, column: 7 },
              selection: 'Pod selector=app=nginx',
              selected: ['pod/nginx-deployment-7c79c4bf97-9979k', 'pod/nginx-deployment-7c79c4bf97-x2xzq'],
              mismatches: [
                {
                  object: 'pod/nginx-deployment-7c79c4bf97-9979k',
                  fields: [
                    { path: 'spec.containers[0].image', expected: 'nginx:1.25', actual: 'nginx:latest' },
                    { path: 'status.phase', expected: '/Run.*/', actual: 'Pending', note: 'regex did not match' },
                  ],
                },
              ],
              diff:
                '--- expected\n+++ actual\n@@ -1,4 +1,4 @@\n kind: Pod\n metadata:\n   name: nginx-deployment-7c79c4bf97-9979k\n-image: nginx:1.25\n+image: nginx:latest\n',
            },
          ],
        },
        { name: 'roll back', status: 'skipped', reason: 'the spec used up its budget of 2,000,000 reconciles', durationMs: 0, points: 1, score: 0, failures: [] },
      ],
    },
    {
      file: 'specs/broken.spec.yaml',
      name: 'broken spec',
      index: 0,
      status: 'error',
      durationMs: 1,
      engineMs: 0,
      score: 0,
      maxScore: 2,
      steps: [],
      error: {
        message: 'steps[0]: unknown action "aply" (and 1 more problem)',
        location: { file: `${CWD}/specs/broken.spec.yaml`, line: 4, column: 5 },
        problems: [
          { message: 'steps[0]: unknown action "aply"', location: { file: `${CWD}/specs/broken.spec.yaml`, line: 4, column: 5 }, hint: 'did you mean `apply`?' },
          { message: 'steps[1].expect[0]: unknown key `cuont`', location: { file: `${CWD}/specs/broken.spec.yaml`, line: 9, column: 9 }, hint: 'did you mean `count`?' },
        ],
      },
    },
    {
      file: 'specs/deploy.spec.yaml',
      name: `nasty ${NASTY}`,
      index: 1,
      status: 'failed',
      durationMs: 3,
      engineMs: 1,
      score: 0.5,
      maxScore: 1.5,
      steps: [
        { name: 'kubectl get pods', status: 'passed', durationMs: 1, points: 0.5, score: 0.5, failures: [] },
        {
          name: 'kubectl get pods',
          status: 'error',
          durationMs: 1,
          points: 0.5,
          score: 0,
          output: `NAME READY\n${NASTY}\n`,
          exitCode: 1,
          failures: [{ message: `Error from server: ${NASTY}`, kind: 'action', location: { file: `${CWD}/specs/deploy.spec.yaml`, line: 30, column: 9 } }],
        },
        {
          name: `step ${NASTY}`,
          status: 'failed',
          durationMs: 1,
          points: 0.5,
          score: 0,
          failures: [
            { message: 'first', kind: 'expect' },
            { message: 'second', kind: 'throughout', atMs: 1500 },
          ],
        },
      ],
    },
  ];
}

export function sampleResult(): RunResult {
  const specs = sampleSpecs();
  return { specs, summary: summarize(specs, 42), seed: 1 };
}
