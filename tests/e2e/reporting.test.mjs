// Issue 11 end to end, the parts built so far: the activity log (filters in the URL, CSV export of what is
// shown), seat use (a bar's numbers in the table beside it, a bar leading to its user list) and the renewal
// timeline moving with "As of"; each limited to what the person administers.
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
const isoDay = (days) => { const d = new Date(); d.setDate(d.getDate() + days); return d.toLocaleDateString('en-CA'); };

test('rule 62: a change is in the activity log with its type and targets; filters live in the URL; the export has the rows shown', async () => {
  const page = await openConsole(chromium, `${server.url}/users/by-user`);
  await page.getByRole('button', { name: 'Products of Tom Becker' }).click();
  const dialog = page.getByRole('dialog', { name: 'Products of Tom Becker' });
  await dialog.getByRole('button', { name: 'Unassign AutoCAD' }).click();
  await flash(page).getByText('AutoCAD was unassigned from Tom Becker.').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Reporting' }).click();
  // The outcome belonged to By User: another page starts without it.
  await page.getByRole('heading', { name: 'Reporting' }).waitFor();
  assert.equal((await flash(page).innerText()).trim(), '');
  await page.getByRole('navigation', { name: 'Reporting' }).getByRole('link', { name: 'Activity log' }).click();
  await page.getByLabel('Event type').selectOption('Product unassigned');
  await page.getByText('1 entry', { exact: true }).waitFor();
  assert.match(await page.locator('tbody tr').first().innerText(), /Dana Reyes\s+Product unassigned\s+Unassigned AutoCAD from Tom Becker\s+Tom Becker, AutoCAD/);
  await page.getByLabel('Event type').selectOption('');
  await page.getByLabel('User', { exact: true }).selectOption({ label: 'Tom Becker' });
  await page.getByLabel('Search').fill('unassigned');
  await page.getByText('1 entry', { exact: true }).waitFor();
  await page.reload();
  await page.getByText('1 entry', { exact: true }).waitFor();
  assert.match(page.url(), /user=6/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  assert.equal(file.suggestedFilename(), 'activity-log.csv');
  const lines = csvText(await readFile(await file.path(), 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'As of day,Real time,Actor,Event type,Description,Users,Team,Group,Products,Contract,Serial numbers');
  assert.equal(lines.length, 2);
  // The day it acted on, then the real moment it was made with the browser's zone (issue 26).
  assert.match(lines[1], /^\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC([+-]\d{2}:\d{2})?,Dana Reyes,Product unassigned,Unassigned AutoCAD from Tom Becker,Tom Becker,Contoso Engineering,,AutoCAD,,$/);
  // Autodesk's renewal notices are in the log too, and a coordinator sees only their serial numbers' entries.
  await page.goto(`${server.url}/reporting/activity?kind=Renewal+notice+sent`);
  await page.getByText(/^[1-9]\d* entr(y|ies)$/).waitFor();
  await viewAs(page, 'Marcus Lee — Software Coordinator');
  await page.getByText('0 entries').waitFor();
  assert.deepEqual(page.errors, []);
});

test('seat use: each bar\'s numbers are in the table, nearly full stands out, and a row leads to the users holding the seats', async () => {
  const page = await openConsole(chromium, `${server.url}/reporting/seats`);
  const summary = page.locator('p.count');
  await summary.getByText(/^Seat use of 15 product lines and pools; \d+ nearly full\.$/).waitFor();
  const full = Number((await summary.innerText()).match(/(\d+) nearly full/)[1]);
  assert.equal(await page.getByRole('row', { name: /Yes$/ }).count(), full);
  assert.equal(await page.locator('.bars rect.fill.full').count(), full);
  assert.match(await row(page, 'Revit\\s+Contoso Engineering pool').innerText(), /4 of 5 seats used\s+80%\s+Yes/);
  const bars = page.getByRole('list', { name: /^Seat use of 15/ }).getByRole('listitem');
  assert.equal(await bars.count(), 15);
  // One more Revit seat: the pool is full and its bar turns red.
  await page.goto(`${server.url}/users/by-user`);
  await page.getByRole('button', { name: 'Products of Oliver Smith' }).click();
  await page.getByRole('dialog', { name: 'Products of Oliver Smith' }).getByRole('button', { name: 'Assign Revit' }).click();
  await flash(page).getByText('Revit was assigned to Oliver Smith.').waitFor();
  await page.goto(`${server.url}/reporting/seats`);
  assert.match(await row(page, 'Revit\\s+Contoso Engineering pool').innerText(), /5 of 5 seats used\s+100%\s+Yes/);
  assert.equal(await page.locator('.bars rect.fill.full').count(), full, 'it was nearly full already');
  await row(page, 'Revit\\s+Contoso Engineering pool').getByRole('link', { name: 'Revit' }).click();
  await page.getByRole('heading', { name: 'By User' }).waitFor();
  await page.getByText('5 users').waitFor();
  // The bar's own label leads there too.
  await page.goto(`${server.url}/reporting/seats`);
  await bars.getByRole('link', { name: 'Civil 3D · Contoso Site Services pool' }).click();
  await page.getByText('2 users').waitFor();
  assert.match(page.url(), /team=1029&product=Civil(%20|\+| )3D/);
  // A coordinator's picture holds only the lines of their serial numbers.
  await page.goto(`${server.url}/reporting/seats`);
  await viewAs(page, 'Marcus Lee — Software Coordinator');
  await page.getByText('Seat use of 1 product line or pool; 0 nearly full.').first().waitFor();
  assert.match(await page.locator('tbody').innerText(), /^AutoCAD\s+contract 110087654321 · 562-44444444/);
});

test('the renewal timeline follows "As of": statuses change, days count down, notices and who loses access are listed', async () => {
  const page = await openConsole(chromium, `${server.url}/reporting/renewals`);
  const plan = row(page, 'Contract 110055550000');
  assert.match(await plan.innerText(), /Expiring\s+\S+\s+45\s+90 days: .*4 days: .*\s+2$/);
  // A subscription gets no notices of its own; the legend says what the marks are (issue 26).
  assert.match(await row(page, 'SUB-70021').innerText(), /\s+\s+\d+$/);
  await page.getByRole('list', { name: 'Legend' }).getByText(/A renewal notice emailed to the contract manager/).waitFor();
  await page.getByText(`Renewal timeline from ${isoDay(0)} to`).first().waitFor();
  await page.getByLabel('As of').fill(isoDay(50));
  await page.getByText(`Renewal timeline from ${isoDay(50)} to`).first().waitFor();
  assert.match(await row(page, 'Contract 110055550000').innerText(), /Expired\s+\S+\s+ended 5 days ago\s/);
  assert.match(await row(page, 'SUB-70021').innerText(), /Expired/);
  assert.ok(await page.locator('.timeline rect.span.expired').count() >= 2);
  await viewAs(page, 'Tom Becker — User');
  await page.getByText("You don't have access to Reporting.").waitFor();
  assert.deepEqual(page.errors, []);
});
