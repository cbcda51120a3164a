// kubespec as users get it: the packed tarball (npm pack), installed in a fresh folder with the real
// npm (dependencies from npm's cache), runs a suite through `npx kubespec`, ships only what users
// need, and its types compile in a strict TypeScript consumer with skipLibCheck off.
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt } from './build';

const ROOT = path.resolve(__dirname, '..');
jest.setTimeout(240_000);

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
}

let work: string;
let app: string;
let files: string[];

beforeAll(() => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-package-'));
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work, ROOT], work);
  expect(packed.status).toBe(0);
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info[0].files.map((f) => f.path);
  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const typescript = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
  const installed = run('npm', ['install', '--loglevel=error', path.join(work, info[0].filename), `typescript@${typescript}`], app);
  expect(installed.stderr).toBe('');
  expect(installed.status).toBe(0);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds what users need: no tests, test helpers or benchmarks', () => {
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/kubespec', 'dist/src/index.js', 'dist/src/index.d.ts', 'schema/spec.schema.json', 'examples/gradescope/run_autograder']));
  expect(files.filter((f) => /(^|\/)(test|bench|testing)\/|\.test\.|__fixtures__|\.tsbuildinfo$/.test(f))).toEqual([]);
});

test('npx kubespec runs a suite from the installed package', () => {
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/suite'), path.join(app, 'specs'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'fixtures/submissions/students/perfect'), path.join(app, 'work'), { recursive: true });
  const r = run('npx', ['--no-install', 'kubespec', 'run', 'specs', '--submission', 'work', '--no-timings'], app);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/\nScore: +12\/12\n/);
  const schema = run(process.execPath, ['-e', "process.stdout.write(require.resolve('kubespec/schema.json'))"], app);
  expect(schema.stdout).toBe(path.join(app, 'node_modules/kubespec/schema/spec.schema.json'));
});

test('a production install holds no models package: the decoder’s OpenAPI validators are bundled in generated/', () => {
  expect(fs.existsSync(path.join(app, 'node_modules', 'kubernetes-models'))).toBe(false);
  expect(files).toEqual(expect.arrayContaining(['generated/validators.js', 'generated/validators.LICENSE.txt']));
  const script = [
    "const { createCluster } = require('kubespec');",
    'const c = createCluster();',
    "try { c.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }); } catch (e) { process.stdout.write(e.message); }",
  ].join('\n');
  const r = run(process.execPath, ['-e', script], app);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
});

test('a strict TypeScript consumer compiles against the published types, skipLibCheck off', () => {
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, module: 'node16', moduleResolution: 'node16', target: 'es2022', noEmit: true, types: [] }, include: ['index.ts'] }),
  );
  fs.writeFileSync(
    path.join(app, 'index.ts'),
    [
      "import { Cluster, StatusError, createCluster, defaultConfig, runSpecs, renderReport, type Deployment, type KubeObject, type KubespecCluster } from 'kubespec';",
      "import { matchers } from 'kubespec/jest';",
      'const drive = (): KubespecCluster => createCluster({ seed: 2 });',
      "async function report(): Promise<string> { return renderReport(await runSpecs(['specs']), 'json'); }",
      'const ours: Record<string, unknown> = matchers;',
      'const cluster: Cluster | undefined = undefined;',
      'const config = defaultConfig();',
      'function replicas(d: Deployment): number | undefined { return d.spec.replicas; }',
      'function named(o: KubeObject): string | undefined { return o.metadata.name; }',
      'export { cluster, config, replicas, named, StatusError, drive, report, ours };',
      '',
    ].join('\n'),
  );
  const r = run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', '.'], app);
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

describe('the Jest example (examples/jest), against the installed package', () => {
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  let example: string;
  beforeAll(() => {
    example = path.join(app, 'example');
    fs.cpSync(path.join(ROOT, 'examples', 'jest'), example, { recursive: true, filter: (f) => !/node_modules|package(-lock)?\.json$/.test(f) });
  });

  test('spec files run as Jest tests (a test per step) and the matchers work in ordinary tests', () => {
    const r = run(process.execPath, [jest, '--config', 'jest.config.js', '--ci', '--verbose'], example);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('PASS specs specs/deployment.spec.yaml');
    expect(r.stderr).toContain('PASS code test/cluster.test.js');
    expect(r.stderr).toMatch(/nginx-deployment runs two pods and rolls to a new image\n\s+✓ two pods run .*\n\s+✓ a new image rolls out/);
    expect(r.stderr).toMatch(/Tests: +4 passed, 4 total/);
  });

  test('a failing step prints kubespec’s failure and diff; -t selects tests by name, the rest are skipped', () => {
    const spec = path.join(example, 'specs', 'deployment.spec.yaml');
    const good = fs.readFileSync(spec, 'utf8');
    fs.writeFileSync(spec, good.replace('readyReplicas: 2 }', 'readyReplicas: 3 }'));
    try {
      const r = run(process.execPath, [jest, '--config', 'jest.config.js', '--ci', '--selectProjects', 'specs'], example);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('● nginx-deployment runs two pods and rolls to a new image › two pods run');
      expect(r.stderr).toContain('Deployment nginx-deployment does not match: status.readyReplicas: expected 3, found 2');
      expect(r.stderr).toMatch(/-\s+readyReplicas: 3\n\s+\+\s+readyReplicas: 2/);
      const only = run(process.execPath, [jest, '--config', 'jest.config.js', '--ci', '--selectProjects', 'specs', '-t', 'rolls out'], example);
      expect(only.status).toBe(0);
      expect(only.stderr).toMatch(/Tests: +1 skipped, 1 passed, 2 total/);
    } finally {
      fs.writeFileSync(spec, good);
    }
  });
});
