// Section `report`: how fast `sale bench report` builds and how fast its page opens on a run of 5,000
// attempts. The run is a small simulated run with SALE (full records: conversations, calls, auctions)
// whose tasks are copied under new ids until it holds 5,000 attempts. The page is opened from file://
// in headless Chromium (playwright-core, /usr/bin/chromium); "open" is the time from navigation start
// until the summary tables and the task list are on screen (body[data-ready], set by the page).
// Target: open < 2 s (reported as the headroom 2 s / open time ≥ 1).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { buildReport } from '../../src/report/html/report.ts';
import { haveChromium, launchBrowser } from '../../tests/support/browser.ts';
import { SALE_BIN } from '../../tests/support/cli.ts';
import { log, median, metric, type Metric, type SectionResult } from './common.ts';

const TARGET_ATTEMPTS = 5000;

async function saleCli(args: string[]) {
  const r = await execa('node', [SALE_BIN, ...args], { reject: false, all: true, env: { FORCE_COLOR: '0' } });
  if (r.exitCode !== 0) throw new Error(`sale ${args.join(' ')} failed:\n${r.all}`);
}

/** A run folder of `TARGET_ATTEMPTS` attempts made by copying a real small run's tasks under new ids. */
export async function bigRun(root: string): Promise<string> {
  await saleCli(['bench', 'matrix', '--suite', 'all', '--provider', 'sim', '--limit', '20', '--seed', '0', '--out', join(root, 'm')]);
  await saleCli(['bench', 'run', '--router', 'all', '--replay', join(root, 'm'), '--seed', '0', '--out', join(root, 'base')]);
  const base = join(root, 'base');
  const lines = readFileSync(join(base, 'records.jsonl'), 'utf8').trim().split('\n');
  const auctions = readFileSync(join(base, 'auctions.jsonl'), 'utf8').trim().split('\n');
  const big = join(root, 'big');
  mkdirSync(big, { recursive: true });
  copyFileSync(join(base, 'manifest.json'), join(big, 'manifest.json'));
  const records: string[] = [];
  const logs: string[] = [];
  for (let copy = 0; records.length < TARGET_ATTEMPTS; copy++) {
    const rename = (s: string) => s.replace(/"taskId":"([^"]+)"/g, (_, id: string) => `"taskId":"${id}~${copy}"`).replace(/"key":"([^"|]+)\|([^"]+)"/g, (_, sys: string, id: string) => `"key":"${sys}|${id}~${copy}"`);
    for (const l of lines) if (records.length < TARGET_ATTEMPTS) records.push(rename(l));
    for (const l of auctions) logs.push(rename(l));
  }
  writeFileSync(join(big, 'records.jsonl'), `${records.join('\n')}\n`);
  writeFileSync(join(big, 'auctions.jsonl'), `${logs.join('\n')}\n`);
  return big;
}

export async function reportSection(): Promise<SectionResult> {
  const root = mkdtempSync(join(tmpdir(), 'sale-bench-report-'));
  const metrics: Metric[] = [];
  try {
    const run = await bigRun(root);
    const out = join(root, 'report.html');
    const t0 = performance.now();
    const built = buildReport({ dirs: [run], out, reps: 200 });
    const buildMs = performance.now() - t0;
    log(`report: built ${built.attempts} attempts (${built.auctions} auctions) into ${(built.bytes / 1e6).toFixed(1)} MB in ${buildMs.toFixed(0)} ms`);
    metrics.push(metric('report', 'build 5k attempts', buildMs / 1000, 's', { note: `${built.attempts} attempts, ${built.auctions} auctions, bootstrap 200` }));
    metrics.push(metric('report', 'file size', built.bytes / 1e6, 'MB'));
    if (!haveChromium) {
      log('report: Chromium not found: page timings skipped');
      return { metrics, details: { attempts: built.attempts } };
    }
    const browser = await launchBrowser();
    const opens: number[] = [];
    const tasks: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const page = await browser.context.newPage();
        await page.goto(pathToFileURL(out).href);
        await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
        opens.push(Number(await page.getAttribute('body', 'data-ready')));
        await page.click('nav button[data-tab=tasks]');
        await page.selectOption('#filter-system', 'sale@o1');
        const started = await page.evaluate(() => performance.now());
        await page.locator('tr.task-row').nth(i).click();
        await page.locator('details.attempt summary').first().click();
        await page.locator('table.jury').first().waitFor();
        tasks.push((await page.evaluate(() => performance.now())) - started);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    const open = median(opens);
    log(`report: page open (navigation → tables and task list) median ${open.toFixed(0)} ms of ${opens.map((x) => x.toFixed(0)).join(', ')}; open a SALE attempt median ${median(tasks).toFixed(0)} ms`);
    metrics.push(metric('report', 'page open 5k attempts', open, 'ms', { note: 'median of 5, headless Chromium, file://' }));
    metrics.push(metric('report', 'open-time headroom (2 s / open)', 2000 / open, 'x', { target: { min: 1 } }));
    metrics.push(metric('report', 'open a SALE attempt', median(tasks), 'ms', { note: 'click → auction jury matrix shown (chunk decoded)' }));
    return { metrics, details: { attempts: built.attempts, opens, tasks } };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
