// Takes the README's screenshot of the release build: node scripts/screenshot.mjs [path] [out.png]
import { serve, browser, openConsole } from '../tests/e2e/harness.mjs';

const [where = '/users/classic', out = 'tests/screenshots/classic-users.png'] = process.argv.slice(2);
const server = await serve();
const chromium = await browser();
const page = await openConsole(chromium, server.url + where);
await page.setViewportSize({ width: 1280, height: 800 });
await page.waitForTimeout(300);
await page.screenshot({ path: out });
await chromium.close();
await server.stop();
console.log(`wrote ${out}`);
