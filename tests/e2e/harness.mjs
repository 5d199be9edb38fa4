// Shared set-up for the end-to-end tests: serve dist/ on loopback, drive Debian's Chromium.
import { chromium } from '../../scripts/node_modules/playwright-core/index.mjs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import net from 'node:net';
import { readFile } from 'node:fs/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Chromium must not dial the closed network (conventions.md).
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic'];

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** Starts the static server on dist/ (or `dir`) and returns { url, stop }. */
export async function serve(dir = path.join(root, 'dist'), port) {
  port = port ?? await freePort();
  const proc = spawn('python3', [path.join(root, 'scripts/serve.py'), dir, String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill(); }) };
}

export async function browser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
}

/** A downloaded CSV's text without its byte-order mark, which every CSV export starts with (issue 26). */
export function csvText(text) {
  if (!text.startsWith('\uFEFF')) throw new Error(`a CSV export without a byte-order mark: ${text.slice(0, 40)}`);
  return text.slice(1);
}

/** Waits for the shell and the screen: a screen comes from its part (issue 29), a moment after the shell;
 * the message that a part could not be downloaded is not a screen. */
export async function screen(page) {
  await page.locator('nav#main-nav').waitFor({ state: 'attached' });
  await page.locator('#main h1').first().waitFor();
  if (await page.locator('.part-missing:not([hidden])').count()) throw new Error(`${page.url()}: its part could not be downloaded`);
}

/** A fresh page (own storage) that fails the test on any uncaught page error. */
export async function openConsole(b, url) {
  const context = await b.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await screen(page);
  page.errors = errors;
  return page;
}

/** Characters a page keeps in local storage (keys and values), or in session storage. */
export function storedChars(page, area = 'localStorage') {
  return page.evaluate((area) => {
    const store = window[area];
    let n = 0;
    for (let i = 0; i < store.length; i++) { const k = store.key(i); n += k.length + store.getItem(k).length; }
    return n;
  }, area);
}

/** Loads the 10,000-user sample account from the data menu and waits (`timeout` ms) until it says so. */
export async function loadSample(page, timeout = 30000) {
  await page.getByRole('button', { name: 'Load sample account' }).click();
  await page.getByRole('dialog', { name: 'Load sample account' }).getByRole('button', { name: 'Load sample account' }).click();
  await page.getByText('The 10,000-user sample account was loaded.').waitFor({ timeout });
}

/** Classic User Management's Add user with Save & Continue, until "First Last was added" shows. */
export async function addUser(page, email, first, last) {
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add user' });
  await add.getByLabel('Email').fill(email);
  await add.getByLabel('First name').fill(first);
  await add.getByLabel('Last name').fill(last);
  await add.getByRole('button', { name: 'Save & Continue' }).click();
  await page.getByText(`${first} ${last} was added`).waitFor();
}

let axeSource;
/** axe-core's WCAG 2.1 AA violations on the page as it is now, "rule: targets" each. */
export async function axeViolations(page) {
  axeSource ??= await readFile(path.join(root, 'scripts/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
