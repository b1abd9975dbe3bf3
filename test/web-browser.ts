import { AxeBuilder } from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './cli.ts';
import { startServer } from './service-client.ts';

/**
 * The browser side of the web e2e tests: Debian's chromium driven by playwright-core (no browser
 * download), the web app built once per change, the real `ddesk serve` on a free port, console
 * errors collected, axe checks and screenshots kept under out/test-artifacts/web/.
 */
export const CHROMIUM = process.env['DDESK_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'out', 'test-artifacts', 'web');
const WEB = path.join(ROOT, 'web');
const DIST = path.join(WEB, 'dist');

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set DDESK_CHROMIUM)`;
}

// Without these, chromium keeps calling Google's hosts, which a closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Builds web/dist unless it is newer than every source of the web app. Test files run in
 * parallel, so the build holds a lock folder (a crashed holder's lock goes stale after 3 minutes).
 */
export async function ensureWebBuild(): Promise<void> {
  const lock = path.join(WEB, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 180_000)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const index = path.join(DIST, 'index.html');
    if (existsSync(index) && statSync(index).mtimeMs > newestSource(WEB)) return;
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunningService {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts `ddesk serve` on the desk `db` at a port the system picks, serving the built web app
 * (`args`: more options, e.g. `--keys DIR --out DIR`); the same helper the service's tests use.
 */
export async function startService(db: string, args: readonly string[] = []): Promise<RunningService> {
  const server = await startServer(db, ['--host', '127.0.0.1', '--web', DIST, ...args]);
  return {
    url: server.url.replace(/\/$/, ''),
    stop: async () => {
      if (server.child.exitCode === null) await server.stop();
    },
  };
}

/** A 1280×800 page that records every console error and uncaught exception. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Axe's serious and critical violations on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
}
