// The HTML report in a real browser: headless Chromium (Debian's `chromium`, which .ci/run installs)
// opens the course suite's page and the mistakes' page, light and dark, with JavaScript off, and
// prints it; nothing may log an error, fetch anything but the page, or fail to draw. Without
// Chromium this test fails and says how to install it: it is never skipped.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSpecs } from '../src/runner';
import { renderReport } from '../src/report/html';
import { Browser, findChromium, NO_CHROMIUM, type Page } from './html/chromium';

const ROOT = path.resolve(__dirname, '..');
jest.setTimeout(180_000);

let dir: string;
let file: string;
let browser: Browser;
let specs = 0;
let steps = 0;
let timelines = 0;

beforeAll(async () => {
  if (!findChromium()) throw new Error(NO_CHROMIUM);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubespec-chromium-test-'));
  const result = await runSpecs(['specs', 'examples/mistakes'], { cwd: ROOT, timeline: true });
  specs = result.specs.length;
  steps = result.specs.reduce((a, s) => a + s.steps.length, 0);
  file = path.join(dir, 'report.html');
  const html = renderReport(result, { cwd: ROOT });
  timelines = html.match(/<svg class="timeline"/g)?.length ?? 0;
  fs.writeFileSync(file, html);
  browser = await Browser.launch();
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(opts: { dark?: boolean; javascript?: boolean } = {}): Promise<{ page: Page; ms: number }> {
  const page = await browser.newPage({ width: 1000, height: 900, ...opts });
  const ms = await page.open(file);
  return { page, ms };
}

/** What the page logged at warning level or above, and what it fetched besides itself. */
function trouble(page: Page): { problems: string[]; fetched: string[] } {
  return {
    problems: page.problems.filter((p) => p.level === 'error' || p.level === 'warning' || p.kind === 'exception').map((p) => `${p.kind} ${p.level}: ${p.text}`),
    fetched: page.requests.filter((u) => u !== `file://${file}`),
  };
}

describe('the HTML report in headless Chromium', () => {
  it('renders every spec, step and timeline without a console error or a request beyond the page', async () => {
    const { page, ms } = await open();
    expect(trouble(page)).toEqual({ problems: [], fetched: [] });
    // The budget is a second; the shared CI machine gets some slack.
    expect(ms).toBeLessThan(5000);
    const counts = await page.evaluate<{ specs: number; steps: number; timelines: number; drawn: number; failures: number }>(
      `({ specs: document.querySelectorAll('section.spec').length, steps: document.querySelectorAll('article.step').length,
          timelines: document.querySelectorAll('svg.timeline').length,
          drawn: [...document.querySelectorAll('svg.timeline')].filter((s) => s.getBoundingClientRect().width > 500 && s.getBoundingClientRect().height > 100).length,
          failures: document.querySelectorAll('pre.failure').length })`,
    );
    expect(counts).toEqual({ specs, steps, timelines, drawn: timelines, failures: expect.any(Number) });
    expect(counts.failures).toBeGreaterThan(0);
  });

  it('paints the bands in each scheme’s colours, terminating pods hatched', async () => {
    const style = (page: Page) =>
      page.evaluate<{ available: string; terminating: string; background: string }>(
        `({ available: getComputedStyle(document.querySelector('svg.timeline path.b-av.c0')).fill,
            terminating: getComputedStyle(document.querySelector('svg.timeline path.b-tm') ?? document.body).fill,
            background: getComputedStyle(document.body).backgroundColor })`,
      );
    const light = await open();
    const dark = await open({ dark: true });
    expect(await style(light.page)).toEqual({ available: 'rgb(0, 114, 178)', terminating: expect.stringMatching(/^url\("?#h-c\d"?\)$/), background: 'rgb(255, 255, 255)' });
    expect(await style(dark.page)).toEqual({ available: 'rgb(74, 163, 223)', terminating: expect.stringMatching(/^url\("?#h-c\d"?\)$/), background: 'rgb(13, 17, 23)' });
    expect(trouble(dark.page)).toEqual({ problems: [], fetched: [] });
  });

  it('reads the same with JavaScript off, and prints', async () => {
    const { page } = await open({ javascript: false });
    expect(await page.evaluate<number>(`document.querySelectorAll('svg.timeline').length`)).toBe(timelines);
    const pdf = await page.pdf();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(trouble(page)).toEqual({ problems: [], fetched: [] });
  });
});
