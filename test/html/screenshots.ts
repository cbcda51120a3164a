// `npm run screenshots`: the pictures in docs/ (README "HTML report"), taken by headless Chromium
// from the HTML report of the course's specs: a rolling update, a Recreate, blue/green and a canary.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecs } from '../../src/runner';
import { renderReport } from '../../src/report/html';
import { Browser } from './chromium';
import { specWithoutTimings } from '../../src/cli/timings';

const ROOT = path.join(__dirname, '..', '..');

/** Which step of which course spec each picture shows. */
export const PICTURES = [
  { file: 'docs/report-rolling.png', spec: /^kubectl set image rolls/, step: 1 },
  { file: 'docs/report-recreate.png', spec: /^Recreate deletes every old pod/, step: 1 },
  { file: 'docs/report-blue-green.png', spec: /^blue\/green switches/, step: 2 },
  { file: 'docs/report-canary.png', spec: /^a canary Deployment/, step: 0 },
];

async function main(): Promise<void> {
  // Without wall-clock durations (as --no-timings): the same pictures on every run.
  const run = await runSpecs([path.join(ROOT, 'specs')], { cwd: ROOT, timeline: true });
  const result = { ...run, specs: run.specs.map(specWithoutTimings), summary: { ...run.summary, durationMs: 0 } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-screenshots-'));
  const html = path.join(dir, 'report.html');
  fs.writeFileSync(html, renderReport(result, { cwd: ROOT }));
  const browser = await Browser.launch();
  try {
    for (const dark of [false, true]) {
      const page = await browser.newPage({ width: 860, height: 900, dark });
      await page.open(html);
      for (const p of PICTURES) {
        const i = result.specs.findIndex((s) => p.spec.test(s.name));
        if (i < 0) throw new Error(`no course spec matches ${p.spec}`);
        const out = path.join(ROOT, dark ? p.file.replace(/\.png$/, '-dark.png') : p.file);
        if (dark && p.file !== PICTURES[0].file) continue;
        await page.screenshot(`#s${i + 1}-${p.step + 1}`, out);
        console.log(`${path.relative(ROOT, out)}: ${result.specs[i].name} › ${result.specs[i].steps[p.step].name}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
