// Real Chromium for the dashboard tests: the Debian `chromium` package driven by playwright-core
// (never `npx playwright install`). Missing Chromium skips with a message, or fails under
// CITYGUARD_REQUIRE_SERVICES=1 as the other real services do. Also builds the dashboard if needed.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts', 'browser');
export const README_SCREENSHOTS_DIR = join(process.cwd(), 'docs', 'screenshots');
const DASHBOARD_INDEX = join(process.cwd(), 'web', 'dist', 'index.html');

/** True when Chromium is installed; otherwise prints why the caller skips, or throws in CI. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `skipping browser tests: ${CHROMIUM_PATH} not found (apt-get install chromium)`;
  if (process.env['CITYGUARD_REQUIRE_SERVICES'] === '1') throw new Error(`${message}, and CITYGUARD_REQUIRE_SERVICES=1 requires it`);
  console.warn(message);
  return false;
}

/** Builds web/dist with Vite when it is not there yet (a clone where `npm run build:web` never ran). */
export async function ensureDashboardBuilt(): Promise<void> {
  if (existsSync(DASHBOARD_INDEX)) return;
  const { build } = await import('vite');
  await build({ root: join(process.cwd(), 'web'), logLevel: 'warn' });
}

/** Chromium with a fresh temporary profile (playwright makes a new --user-data-dir for every launch). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A separate session (its own cookies and storage) at 1280×800 with reduced motion, so screenshots hold still. */
export function newSession(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, reducedMotion: 'reduce' });
}

/** Collects the page's uncaught errors into `into`, so a test can assert there were none. */
export function watchPageErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(`${page.url()}: ${e.message}`));
}

/** Signs in with a user account through the login form. */
export async function signIn(page: Page, baseUrl: string, user: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('tab', { name: 'User account' }).click();
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs out through the top bar. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}
