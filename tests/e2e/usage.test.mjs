// Issue 11 end to end, usage and idle seats: the usage report's periods and filters in the URL and its CSV;
// idle seats past a threshold the admin sets (bad input refused), reclaimed through the ordinary commands so
// that seat use, the activity log and Undo all see it; and each admin sees only the seats they administer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, browser, openConsole, csvText } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const flash = (page) => page.getByRole('status');
const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });
const viewAs = (page, label) => page.getByLabel('Viewing as').selectOption({ label });
const count = (page, text) => page.locator('p.count').getByText(text, { exact: true });

test('rule 61: the usage report per person and product, its period and filters in the URL, and the CSV of what is shown', async () => {
  const page = await openConsole(chromium, `${server.url}/reporting/usage`);
  await count(page, '26 seats').waitFor();
  // The picture's table and the rows say the same: per product, seats used in the period and not.
  const autocad = await row(page, '^AutoCAD\\s+\\d+\\s+\\d+$').innerText();
  const [, used, unused] = autocad.match(/AutoCAD\s+(\d+)\s+(\d+)/);
  await page.getByLabel('Product').selectOption('AutoCAD');
  await count(page, `${Number(used) + Number(unused)} seats`).waitFor();
  await page.getByLabel('Period').selectOption({ label: 'Last 3 months' });
  await page.reload();
  await count(page, `${Number(used) + Number(unused)} seats`).waitFor();
  assert.match(page.url(), /period=3m/);
  assert.match(page.url(), /product=AutoCAD/);
  assert.equal(await page.getByLabel('Period').inputValue(), '3m');
  // Someone who stopped months ago: last used, days inactive and no use in the period.
  assert.match(await row(page, 'Aisha Khan.*Contoso Engineering pool').innerText(), /0\s+0\.0\s+\d{4}-\d{2}-\d{2}\s+1\d\d/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  assert.equal(file.suggestedFilename(), 'usage-report.csv');
  const lines = csvText(await readFile(await file.path(), 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'period,as_of,user,email,product,place,seat_assignment,days_used,monthly_average,last_accessed,days_inactive,assigned_date');
  assert.equal(lines.length, 1 + Number(used) + Number(unused));
  assert.ok(lines.slice(1).every((l) => l.startsWith('Last 3 months,') && l.includes(',AutoCAD,')), lines.join('\n'));
  // A coordinator sees their serial numbers' seats; a named user administers none.
  await page.goto(`${server.url}/reporting/usage`);
  await viewAs(page, 'Priya Natarajan — Software Coordinator');
  await count(page, '12 seats').waitFor();
  assert.deepEqual(page.errors, []);
});

test('idle seats: a threshold refused when it is not a number of days, reclaiming one seat shows in seat use and the log, Undo brings it back', async () => {
  const page = await openConsole(chromium, `${server.url}/reporting/seats`);
  const pool = async () => (await row(page, '^AutoCAD\\s+Contoso Engineering pool').innerText()).match(/(\d+) of (\d+) seats used/).slice(1).map(Number);
  const [held] = await pool();
  await page.goto(`${server.url}/reporting/idle`);
  await count(page, '4 seats not used for 30 days or more.').waitFor();
  assert.match(await row(page, 'Zoe Clarke').innerText(), /Fusion Team.*Never used/s);
  // Bad input changes nothing and says why.
  const days = page.getByLabel('Not used for at least (days)');
  for (const [bad, why] of [['abc', '"abc" is not a whole number of days: enter one from 1 to 365.'],
    ['2.5', '"2.5" is not a whole number of days: enter one from 1 to 365.'], ['400', 'Enter a number of days from 1 to 365.'],
    ['', 'Enter a number of days from 1 to 365.']]) {
    await days.fill(bad);
    await page.getByRole('button', { name: 'Show idle seats' }).click();
    await page.getByRole('alert').getByText(why).waitFor();
    await count(page, '4 seats not used for 30 days or more.').waitFor();
    // The list is the 30-day one still: nothing can be unassigned from it until the number is right.
    assert.equal(await page.getByRole('button', { name: 'Unassign all (4)' }).isDisabled(), true);
  }
  await days.fill('100');
  await days.press('Enter');
  await count(page, '3 seats not used for 100 days or more.').waitFor();
  assert.match(page.url(), /days=100/);
  assert.equal(await page.getByRole('alert').filter({ hasText: 'number of days' }).count(), 0);
  await days.fill('30');
  await days.press('Enter');
  await count(page, '4 seats not used for 30 days or more.').waitFor();
  // One seat, by keyboard: tick it, Unassign selected, confirm.
  await page.getByLabel("Select Aisha Khan's AutoCAD seat (Contoso Engineering pool)").check();
  await page.getByRole('button', { name: 'Unassign selected (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unassign 1 idle seat' });
  await dialog.getByText('AutoCAD · Contoso Engineering pool: 1 seat').waitFor();
  await dialog.getByText('Aisha Khan: AutoCAD · Contoso Engineering pool').waitFor();
  await dialog.getByRole('button', { name: 'Unassign' }).click();
  await flash(page).getByText('Unassigned 1 idle seat; the seats are free to assign again. Undo brings them back.').waitFor();
  await count(page, '3 seats not used for 30 days or more.').waitFor();
  // Focus is on the new count, not lost to the page's top.
  await page.waitForFunction(() => document.activeElement?.classList.contains('count'));
  await page.reload();
  await count(page, '3 seats not used for 30 days or more.').waitFor();
  await page.goto(`${server.url}/reporting/seats`);
  assert.equal((await pool())[0], held - 1, 'the pool has one more free seat');
  await page.goto(`${server.url}/reporting/activity?kind=Seats+freed`);
  assert.match(await page.locator('tbody tr').first().innerText(), /Dana Reyes\s+Seats freed\s+Freed the AutoCAD seat \(Contoso Engineering pool\) from Aisha Khan\s+Aisha Khan, AutoCAD/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.goto(`${server.url}/reporting/idle`);
  await count(page, '4 seats not used for 30 days or more.').waitFor();
  // All of them at once, then Undo again.
  await page.getByRole('button', { name: 'Unassign all (4)' }).click();
  const all = page.getByRole('dialog', { name: 'Unassign 4 idle seats' });
  await all.getByRole('button', { name: 'Unassign' }).click();
  await flash(page).getByText('Unassigned 4 idle seats; the seats are free to assign again. Undo brings them back.').waitFor();
  await count(page, '0 seats not used for 30 days or more.').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await count(page, '4 seats not used for 30 days or more.').waitFor();
  assert.deepEqual(page.errors, []);
});
