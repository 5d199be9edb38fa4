// Issue 12 end to end, what if: a contract's renewal impact (who loses what, on which day) moving with
// "As of"; Renew with fewer seats (bad numbers refused, least recent users listed, the plan run as one
// command and undone); and Edit Access telling what Save will do before Save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const flash = (page) => page.getByRole('status');
const CONTRACT = '110012345678';
const addDays = (iso, n) => { const d = new Date(`${iso}T12:00:00`); d.setDate(d.getDate() + n); return d.toLocaleDateString('en-CA'); };

test('rule 46: if a contract is not renewed, who loses which product and when; "As of" moves it', async () => {
  const page = await openConsole(chromium, `${server.url}/billing/contracts/${CONTRACT}`);
  const impact = page.getByRole('region', { name: 'If not renewed' });
  const intro = await impact.getByText(/^If 110012345678 is not renewed by/).innerText();
  const end = intro.match(/(\d{4}-\d{2}-\d{2})/)[1];
  const suspended = addDays(end, 16);
  await impact.getByText(`${suspended}: it becomes Suspended; 10 people lose access to what is listed below.`).waitFor();
  await impact.getByText(`${addDays(end, 1)}: it becomes Expired; everyone keeps access for 15 days.`).waitFor();
  await impact.getByText(`${suspended}: the Team hub Contoso Projects loses this contract.`).waitFor();
  await impact.getByText(`${addDays(end, 46)}: it is Canceled.`).waitFor();
  // Rule 51 (issue 30): cloud storage stays reachable 30 days after the end.
  await impact.getByText(`${addDays(end, 30)}: the last day its cloud storage stays reachable, 30 days after the end: download what is kept there before then.`).waitFor();
  assert.match(await impact.getByRole('row', { name: /Fatima Zahra/ }).innerText(), /Revit\s+Cloud Rendering, Cloud Storage, Revit Cloud Worksharing/);
  assert.equal(await impact.getByRole('table', { name: `Who loses access on ${suspended}` }).locator('tbody tr').count(), 11);
  await page.getByLabel('As of').fill(addDays(end, 20));
  await impact.getByText(`${suspended}: it became Suspended; 10 people lost access to what is listed below.`).waitFor();
  await page.getByLabel('As of').fill(addDays(end, -100));
  await impact.getByText(`${suspended}: it becomes Suspended; 10 people lose access to what is listed below.`).waitFor();
  assert.deepEqual(page.errors, []);
});

test('renew with fewer seats: bad numbers refused, the least recent users listed, unassigned in one step and undone', async () => {
  const page = await openConsole(chromium, `${server.url}/billing/contracts/${CONTRACT}`);
  const impact = page.getByRole('region', { name: 'If not renewed' });
  const seats = impact.getByLabel('Seats of AutoCAD (399-11111111)');
  const show = impact.getByRole('button', { name: 'Show who would be unassigned' });
  for (const [bad, why] of [['abc', '"abc" is not a seat number for AutoCAD (399-11111111): enter a whole number from 0 to 5.'],
    ['-1', '"-1" is not a seat number for AutoCAD (399-11111111): enter a whole number from 0 to 5.'],
    ['9', 'AutoCAD (399-11111111) has 5 seats now: enter at most 5.']]) {
    await seats.fill(bad);
    await show.click();
    await impact.getByRole('alert').getByText(why).waitFor();
  }
  await seats.fill('5');
  await show.click();
  await impact.getByText('Everyone keeps their seat with these numbers.').waitFor();
  await seats.fill('2');
  await seats.press('Enter');
  await impact.getByText('2 people would have to be unassigned, least recent use first:').waitFor();
  const rows = impact.getByRole('table', { name: 'Who would be unassigned' }).locator('tbody tr');
  // Aisha Khan stopped using AutoCAD months ago: she is first.
  assert.match(await rows.first().innerText(), /Aisha Khan\s+AutoCAD\s+2\s+\d{4}-\d{2}-\d{2}/);
  const second = (await rows.nth(1).innerText()).split('\t')[0];
  await impact.getByRole('button', { name: 'Unassign these 2 now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unassign 2 people' });
  await dialog.getByRole('button', { name: 'Unassign' }).click();
  await flash(page).getByText('Unassigned 2 people to fit the fewer seats. Undo brings them back.').waitFor();
  const products = page.getByRole('region', { name: 'Products' });
  await products.getByRole('row', { name: /AutoCAD.*399-11111111.*2 of 5 seats used/ }).waitFor();
  assert.equal(await impact.getByRole('row', { name: new RegExp(`${second}\\s+AutoCAD`) }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await products.getByRole('row', { name: /AutoCAD.*399-11111111.*4 of 5 seats used/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('Edit Access tells what Save will do before Save, and Save does exactly that', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic?q=kenji`);
  await page.getByRole('button', { name: 'Edit Access for Kenji Tanaka' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — Kenji Tanaka' });
  const told = dialog.getByRole('region', { name: 'What Save will do' });
  await told.getByText('Nothing changed yet.').waitFor();
  await dialog.getByRole('region', { name: `Contract ${CONTRACT}` }).getByRole('checkbox', { name: 'AutoCAD 2026' }).check();
  await told.getByText(`AutoCAD · contract ${CONTRACT} · 399-11111111: 1 seat taken, 5 of 5 in use`).waitFor();
  await told.getByText(`Kenji Tanaka gets AutoCAD · contract ${CONTRACT} · 399-11111111`).waitFor();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText('Access updated for Kenji Tanaka').waitFor();
  await page.goto(`${server.url}/billing/contracts/${CONTRACT}`);
  await page.getByRole('region', { name: 'Products' }).getByRole('row', { name: /AutoCAD.*399-11111111.*5 of 5 seats used/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('rule 43: if a subscription is not renewed, its own holders lose the product, and the dialog says when', async () => {
  const page = await openConsole(chromium, `${server.url}/billing/subscriptions`);
  await page.getByRole('button', { name: 'What happens if SUB-70012 is not renewed' }).click();
  const dialog = page.getByRole('dialog', { name: 'If SUB-70012 is not renewed' });
  await dialog.getByText(/^If SUB-70012 is not renewed by \d{4}-\d{2}-\d{2}:$/).waitFor();
  await dialog.getByText(/it becomes Suspended; \d+ (person loses|people lose) access/).waitFor();
  assert.match(await dialog.getByRole('row', { name: /Aisha Khan/ }).innerText(), /AutoCAD.*Subscription SUB-70012/s);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'What happens if SUB-70012 is not renewed' }).waitFor();
  assert.deepEqual(page.errors, []);
});
