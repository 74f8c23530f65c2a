// `sale bench report` end to end: a small simulated run with SALE, the HTML file it writes, and that file
// driven in headless Chromium (file://, every other request aborted). A screenshot of each view is
// written to $SALE_SCREENSHOTS or <tmpdir>/sale-report-screens for review.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, type Browser } from './support/browser.ts';
import { sale } from './support/cli.ts';

const skip = browserSkipReason();
if (skip) console.warn(skip);
const SHOTS = process.env.SALE_SCREENSHOTS ?? join(tmpdir(), 'sale-report-screens');

describe('sale bench report', () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sale-report-'));
    const m = await sale(['bench', 'matrix', '--suite', 'all', '--provider', 'sim', '--limit', '10', '--seed', '0', '--out', join(dir, 'm')]);
    expect(m.code, m.stderr).toBe(0);
    const r = await sale(['bench', 'run', '--router', 'wtp,sale', '--replay', join(dir, 'm'), '--orders', '2', '--train-frac', '0.3', '--seed', '0', '--out', join(dir, 'run')]);
    expect(r.code, r.stderr).toBe(0);
    html = join(dir, 'report.html');
    const rep = await sale(['bench', 'report', join(dir, 'run'), '--out', html, '--bootstrap', '100']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/wrote .*report\.html .*attempts, [1-9]\d* auctions/);
  }, 180_000);

  it('writes one self-contained file: libraries inlined, data compressed, no external URL loaded', () => {
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('vegaEmbed');
    expect(text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(text).toMatch(/id="payload">H4sI/); // gzip magic, base64
    expect(text).not.toContain('"messages":');
  });

  it('has --help with an example, and refuses a folder that is not a run, in one line', async () => {
    const help = await sale(['bench', 'report', '--help']);
    expect(help.stdout).toMatch(/\$ sale bench report results\//);
    const r = await sale(['bench', 'report', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not a sale run directory/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  describe.skipIf(skip !== null)('in headless Chromium', () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchBrowser();
      page = await browser.context.newPage();
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(html).href);
      await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      console.info(`bench report screenshots: ${SHOTS}`);
    });

    it('loads with no console errors and sortable summary tables', async () => {
      await page.screenshot({ path: join(SHOTS, 'summary.png'), fullPage: true });
      const tables = page.locator('table.summary-table');
      expect(await tables.count()).toBe(2);
      const first = tables.first();
      const pass = async () => (await first.locator('tbody tr td:nth-child(5)').allTextContents()).map((t) => Number.parseFloat(t));
      await first.locator('th[data-key=pass1]').click();
      const asc = await pass();
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      await first.locator('th[data-key=pass1]').click();
      expect(await first.locator('th[data-key=pass1]').getAttribute('aria-sort')).toBe('descending');
      const desc = await pass();
      expect(desc).toEqual([...asc].reverse().sort((a, b) => b - a));
      expect(errors).toEqual([]);
    });

    it('renders every plot as an SVG, with tooltips on hover', async () => {
      await page.click('nav button[data-tab=plots]');
      await page.waitForSelector('#plots[data-rendered]', { timeout: 30_000 });
      const figures = page.locator('figure.plot');
      expect(await figures.count()).toBe(10);
      for (let i = 0; i < 10; i++) expect(await figures.nth(i).locator('svg').count(), `plot ${i}`).toBeGreaterThan(0);
      const marker = page.locator('figure[data-plot="coding/pareto"] .points_other_marks path').first();
      await marker.hover({ force: true });
      const tip = page.locator('#vg-tooltip-element');
      await tip.waitFor({ state: 'visible', timeout: 5_000 });
      expect(await tip.textContent()).toMatch(/system.*pass@1.*95 % low.*cost per task/s);
      await page.screenshot({ path: join(SHOTS, 'plots.png'), fullPage: false });
      expect(errors).toEqual([]);
    });

    it('filters change the task list; a SALE task shows its auction with the jury matrix', async () => {
      await page.click('nav button[data-tab=tasks]');
      const rows = page.locator('tr.task-row');
      const all = await rows.count();
      const count = async () => (await page.locator('#task-count').textContent()) ?? '';
      const before = await count();
      await page.selectOption('#filter-outcome', 'failed');
      expect(await count()).not.toBe(before);
      expect(await rows.count()).toBeLessThan(all);
      await page.selectOption('#filter-outcome', '');
      await page.selectOption('#filter-suite', 'deepsearch');
      expect((await rows.allTextContents()).every((t) => t.includes('deepsearch'))).toBe(true);
      await page.selectOption('#filter-suite', '');
      await page.selectOption('#filter-system', 'sale@o1');
      await page.screenshot({ path: join(SHOTS, 'tasks.png') });
      await rows.first().click();
      const attempt = page.locator('details.attempt[data-system="sale@o1"]').first();
      await attempt.locator('summary').click();
      const jury = attempt.locator('table.jury');
      await jury.waitFor({ timeout: 10_000 });
      expect(await jury.locator('tbody tr').count()).toBe(4);
      expect(await jury.locator('thead th').count()).toBe(5);
      expect(await attempt.locator('table.bids tbody tr').count()).toBe(4);
      expect(await attempt.textContent()).toMatch(/Provisional winner:.*Final winner:/s);
      expect(await attempt.locator('.msg').count()).toBeGreaterThan(1);
      await attempt.screenshot({ path: join(SHOTS, 'auction.png') });
      expect(errors).toEqual([]);
      expect(browser.blocked).toEqual([]);
    });
  });
});
