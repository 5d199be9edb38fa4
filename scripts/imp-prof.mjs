// temporary: the import's Import → report long tasks, with a CPU profile (removed before commit)
import { serve, browser, openConsole, loadSample } from '../tests/e2e/harness.mjs';
import { writeFileSync } from 'node:fs';
const server = await serve(process.env.DIST);
const chromium = await browser();
const page = await openConsole(chromium, `${server.url}/users/classic`);
await loadSample(page, 60000);
const rows = ['First name,Last name,Email'];
for (let i = 0; i < 5000; i++) rows.push(`Bench${i},Import${i},bench${i}.${Date.now()}@import.example.com`);
await page.goto(`${server.url}/users/by-user`);
await page.locator('tbody tr').first().waitFor();
await page.getByRole('button', { name: 'Invite users' }).click();
const invite = page.getByRole('dialog', { name: 'Invite users' });
await invite.getByRole('tab', { name: 'Import' }).click();
await invite.getByLabel('Upload CSV file').setInputFiles({ name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
await invite.getByText('Preview of bench.csv').waitFor({ timeout: 60000 });
await page.evaluate(() => {
  window.__tasks = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' });
});
const cdp = await page.context().newCDPSession(page);
const prof = process.argv[2] === 'prof';
if (prof) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
const t = Date.now();
await invite.getByRole('button', { name: /^Import \d+ users$/ }).click();
await page.getByText(/^Import complete/).waitFor({ timeout: 60000 });
await page.waitForTimeout(300);
console.log('elapsed', Date.now() - t, 'long tasks', JSON.stringify(await page.evaluate(() => window.__tasks)));
if (prof) { const { profile } = await cdp.send('Profiler.stop'); writeFileSync('/tmp/prof/imp.cpuprofile', JSON.stringify(profile)); }
await chromium.close();
await server.stop();
