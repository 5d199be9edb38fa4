// ./x size (issue 29): for each entry address, the bytes (gzip -9) a browser with an empty cache fetches
// before that screen is usable: the page, the boot script, the glue, every wasm part it loads, the
// stylesheet. Measured in real Chromium on dist/ (the service worker blocked: its precache of every part
// comes after the first screen), then the total of all parts. Prints one line per entry and, last,
// `ENTRY_MAX <bytes>` and `TOTAL <bytes>` for ./x's budgets.
import { serve, browser, screen } from '../tests/e2e/harness.mjs';
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
// Issue 29's four, and one screen of each other part a first visit may start on.
const ENTRIES = ['/', '/users/classic', '/users/by-user', '/reporting/activity', '/billing/contracts', '/start'];

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
// What the console is made of: everything the service worker precaches but the icons and the manifest.
const shipped = files(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f) && !f.endsWith('sw.js'));

const server = await serve(dist);
const b = await browser();
let entryMax = 0;
try {
  for (const entry of ENTRIES) {
    const context = await b.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const fetched = new Set();
    page.on('requestfinished', (r) => {
      const url = new URL(r.url());
      if (url.origin === server.url) fetched.add(url.pathname);
    });
    await page.goto(server.url + entry);
    // Usable: the screen (not the message that its part is missing) is drawn and nothing more is on its way.
    await screen(page);
    await page.waitForLoadState('networkidle');
    const sizes = [...fetched].map((p) => {
      const file = path.join(dist, p === '/' || !path.extname(p) ? 'index.html' : p);
      return [path.relative(dist, file), gz(file)];
    });
    const bytes = sizes.reduce((n, [, s]) => n + s, 0);
    const wasm = sizes.filter(([f]) => f.endsWith('.wasm'));
    entryMax = Math.max(entryMax, bytes);
    console.log(`${entry.padEnd(22)} ${bytes.toLocaleString('en')} B (${wasm.length} wasm parts, ` +
      `${wasm.reduce((n, [, s]) => n + s, 0).toLocaleString('en')} B of wasm)`);
    await context.close();
  }
} finally {
  await b.close();
  await server.stop();
}
const total = shipped.reduce((n, f) => n + gz(f), 0);
console.log(`all parts: ${total.toLocaleString('en')} B in ${shipped.filter((f) => f.endsWith('.wasm')).length} wasm parts`);
console.log(`ENTRY_MAX ${entryMax}`);
console.log(`TOTAL ${total}`);
