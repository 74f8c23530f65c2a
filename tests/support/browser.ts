// Headless Chromium for the browser tests: Debian's /usr/bin/chromium (or SALE_CHROMIUM) driven by
// playwright-core, a fresh profile, no network. Tests skip with a message when Chromium is missing,
// except in CI (CI=true), where a missing browser is a failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.SALE_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
export const inCi = process.env.CI === 'true' || process.env.CI === '1';
export const haveChromium = existsSync(CHROMIUM);

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or null when they can (throws in CI when Chromium is missing). */
export function browserSkipReason(): string | null {
  if (haveChromium) return null;
  if (inCi) throw new Error(`browser tests: Chromium not found at ${CHROMIUM} (CI=true: install the Debian package chromium)`);
  return `browser tests skipped: Chromium not found at ${CHROMIUM} (install the Debian package chromium or set SALE_CHROMIUM)`;
}

export interface Browser {
  context: BrowserContext;
  /** Requests other than file:// and data:/blob: URLs (all are aborted). */
  blocked: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sale-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 900 } });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return {
    context,
    blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
