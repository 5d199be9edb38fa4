// The same rules on every path (issue 16): each defect found when the console was tried as a real admin, driven
// through the path where it showed, on the release build in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const open = (p) => openConsole(chromium, `${server.url}${p}`);
const flash = (page) => page.getByRole('status');
const isoDay = (days) => { const d = new Date(); d.setDate(d.getDate() + days); return d.toLocaleDateString('en-CA'); };
const viewAs = (page, label) => page.getByLabel('Viewing as').selectOption({ label });
const stored = (page) => page.evaluate(() => localStorage.getItem('contract-console.account'));

test('16.1 a typed hub address that matches no hub says it creates one, and moving off a live hub asks first', async () => {
  const page = await open('/hubs');
  const form = page.getByRole('region', { name: 'Assign a contract to a hub' });
  await form.getByLabel('Contract').selectOption('110012345678');
  await form.getByLabel('Hub address').fill('https://contoso-projetcs.autodesk360.com');
  await form.getByRole('button', { name: 'Assign Contract' }).click();
  let dialog = page.getByRole('dialog', { name: 'Assign Contract' });
  await dialog.getByText('a new BIM 360 Team hub "contoso-projetcs" will be created').waitFor();
  await dialog.getByText('Contoso Projects then has no contract and falls back to Trial.').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Cancel changed nothing.
  assert.match(await page.getByRole('row', { name: /Contoso Projects/ }).innerText(), /Subscribed[\s\S]*110012345678/);
  assert.equal(await page.getByRole('row', { name: /contoso-projetcs/ }).count(), 0);
  // A Fusion Team hub does not take a BIM 360 Team contract.
  await page.getByRole('region', { name: 'Create a hub' }).getByLabel('Hub name').fill('Contoso Fusion');
  await page.getByRole('region', { name: 'Create a hub' }).getByLabel('Hub address').fill('HTTPS://Contoso-Fusion.autodesk360.com/');
  await page.getByRole('region', { name: 'Create a hub' }).getByLabel('Hub type').selectOption('Fusion Team');
  await page.getByRole('region', { name: 'Create a hub' }).getByRole('button', { name: 'Create hub' }).click();
  await flash(page).getByText(/^The hub .* was created\./).waitFor();
  await form.getByLabel('Hub', { exact: true }).selectOption({ label: 'Contoso Fusion' });
  await form.getByRole('button', { name: 'Assign Contract' }).click();
  await flash(page).getByText('Contract 110012345678 holds BIM 360 Team, so it can\'t go to Contoso Fusion, a Fusion Team hub: choose a BIM 360 Team hub.').waitFor();
  // Confirming the typed address creates the hub and moves the contract; the old hub is a trial again.
  await form.getByLabel('Hub', { exact: true }).selectOption({ label: 'Type the hub\'s address' });
  await form.getByLabel('Hub address').fill('https://contoso-projetcs.autodesk360.com');
  await form.getByRole('button', { name: 'Assign Contract' }).click();
  dialog = page.getByRole('dialog', { name: 'Assign Contract' });
  await dialog.getByRole('button', { name: 'Assign Contract' }).click();
  await flash(page).getByText('Contract 110012345678 is assigned to the hub.').waitFor();
  await page.reload();
  assert.match(await page.getByRole('row', { name: /contoso-projetcs/ }).innerText(), /BIM 360 Team\s+Subscribed\s+110012345678/);
  assert.match(await page.getByRole('row', { name: /Contoso Projects/ }).innerText(), /Trial/);
  assert.match(await page.getByRole('row', { name: /Contoso Fusion/ }).innerText(), /https:\/\/contoso-fusion\.autodesk360\.com/);
});

test('16.2 a Suspended contract gives no download in Products & Services', async () => {
  const page = await open('/products');
  await viewAs(page, 'Yusuf Demir — User');
  const mine = page.getByRole('region', { name: 'Your products' });
  await mine.getByText('Download included').waitFor(); // Expired (10 days) still gives access
  await page.getByLabel('As of').fill(isoDay(13));
  await page.getByRole('region', { name: 'No access now' }).getByText('3ds Max: contract 110099990000 is Suspended. Access returns when it is renewed.').waitFor();
  assert.equal(await page.getByText('Download included').count(), 0);
  await page.reload();
  await page.getByRole('region', { name: 'No access now' }).waitFor();
  await page.goto(`${server.url}/users/classic?q=yusuf`);
  await viewAs(page, 'Dana Reyes — Contract Manager');
  assert.match(await page.getByRole('row', { name: /Yusuf Demir/ }).innerText(), /3ds Max \(Suspended\)/);
});

test('16.3 an edited backup with a case-twin email is refused and changes nothing', async () => {
  const page = await open('/users/classic');
  // The backup an admin has: Export data (local storage keeps the account packed).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data' }).click()]);
  const env = JSON.parse(await readFile(await download.path(), 'utf8'));
  env.account.next_id += 1;
  env.account.users[String(env.account.next_id)] = {
    email: 'DANA.REYES@contoso-eng.com', first_name: 'Dana', last_name: 'Twin', classic: { status: 'active', invited_on: '2026-01-01' },
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'import-'));
  const file = path.join(dir, 'edited.json');
  await writeFile(file, JSON.stringify(env));
  const before = await stored(page);
  await page.getByLabel('Import data').setInputFiles(file);
  await flash(page).getByText('This file can\'t be imported: the email DANA.REYES@contoso-eng.com is used twice; each email can be added once. Nothing was changed.').waitFor();
  assert.equal(await page.getByRole('dialog', { name: 'Import data' }).count(), 0);
  assert.equal(await stored(page), before);
});

test('16.4 a named user can\'t undo someone else\'s change, export, import or reset', async () => {
  const page = await open('/users/classic?q=tom');
  await page.getByRole('button', { name: 'Remove Tom Becker' }).click();
  await page.getByRole('dialog', { name: 'Remove Tom Becker' }).getByRole('button', { name: 'Remove Tom Becker' }).click();
  await flash(page).getByText('Tom Becker was removed.').waitFor();
  await viewAs(page, 'Aisha Khan — User');
  for (const name of ['Export data', 'Reset demo account']) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  assert.equal(await page.getByLabel('Import data').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await flash(page).getByText('The last change was made by Dana Reyes; only Dana Reyes can undo it (you are viewing as Aisha Khan).').waitFor();
  await page.keyboard.press('Control+z');
  await flash(page).getByText('only Dana Reyes can undo it').waitFor();
  // Tom stays removed; Dana herself can undo.
  await viewAs(page, 'Dana Reyes — Contract Manager');
  await page.goto(`${server.url}/users/classic?q=tom`);
  await page.getByText('0 users').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await flash(page).getByText('Undone.').waitFor();
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor();
});

test('16.5 Reset demo account asks in the console\'s dialog and can be undone', async () => {
  const page = await open('/users/classic?q=tom');
  await page.getByRole('button', { name: 'Remove Tom Becker' }).click();
  await page.getByRole('dialog', { name: 'Remove Tom Becker' }).getByRole('button', { name: 'Remove Tom Becker' }).click();
  await page.getByText('0 users').waitFor();
  await page.getByRole('button', { name: 'Reset demo account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset demo account' });
  await dialog.getByText('You can undo this afterwards.').waitFor();
  await dialog.getByRole('button', { name: 'Reset demo account' }).click();
  await flash(page).getByText('The demo account was restored. Undo brings your data back.').waitFor();
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Undo' }).click();
  await flash(page).getByText('Undone.').waitFor();
  await page.getByText('0 users').waitFor();
});

test('16.6 As of jumping ahead sends each notice as of its own date; moving back withdraws the future ones', async () => {
  const page = await open('/outbox');
  await page.getByLabel('As of').fill(isoDay(163));
  await page.getByLabel('Kind').selectOption('Renewal notice');
  const items = page.getByRole('list', { name: 'Emails' }).getByRole('listitem').filter({ hasText: 'Contract 110087654321' });
  await items.first().waitFor();
  const texts = await items.allInnerTexts();
  assert.equal(texts.length, 4);
  const seen = texts.map((t) => [t.match(/expires in (\d+) days \((\d+)-day notice\)/).slice(1).join('/'), t.match(/\d{4}-\d{2}-\d{2}/)[0]]);
  assert.deepEqual(seen.map(([w]) => w).sort(), ['30/30', '4/4', '45/45', '90/90']);
  assert.equal(new Set(seen.map(([, d]) => d)).size, 4, 'four different dates');
  await page.getByLabel('As of').fill(isoDay(-27));
  await page.getByLabel('Kind').selectOption('Renewal notice');
  assert.equal(await items.count(), 0);
  for (const t of await page.getByRole('list', { name: 'Emails' }).getByRole('listitem').allInnerTexts()) {
    assert.ok(t.match(/\d{4}-\d{2}-\d{2}/)[0] <= isoDay(-27), t);
  }
});

test('16.9 Bulk Add names a repeat as a repeat and keeps a quoted "Last, First" name whole', async () => {
  const page = await open('/users/classic');
  await page.getByRole('button', { name: 'Bulk Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk Add' });
  await dialog.getByText('jane.doe@company.com (the name is read from first.last)').waitFor();
  await dialog.getByLabel('Users').fill('carol@x.com; carol@x.com; "Smith, John" <john.smith@x.com>');
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  const results = dialog.getByRole('list', { name: 'Bulk add results' });
  await results.getByText('Added John Smith <john.smith@x.com>').waitFor();
  await results.getByText('Skipped "carol@x.com": carol@x.com has no name, and none can be read from it: write it as "First Last <carol@x.com>".').waitFor();
  await results.getByText('Skipped "carol@x.com": carol@x.com appears more than once in this list; it is added once.').waitFor();
});

test('16.10 named users see a multi-user seat\'s cloud services, its coordinator the network download', async () => {
  const page = await open('/products');
  await viewAs(page, 'Kenji Tanaka — User');
  const mine = page.getByRole('region', { name: 'Your products' });
  await mine.getByRole('article', { name: 'Cloud services' }).getByText('Contract 110087654321 · Cloud Storage').waitFor();
  assert.equal(await mine.getByRole('article', { name: /AutoCAD/ }).count(), 0);
  await viewAs(page, 'Marcus Lee — Software Coordinator');
  await page.getByRole('region', { name: 'Your products' }).getByText('Multi-user: download the software and the licence file for your licence server').waitFor();
  assert.equal(await page.getByText('No download').count(), 0);
});

test('16.11 reading an email is not an undo step', async () => {
  const page = await open('/outbox');
  await page.locator('.email.unread summary').first().click();
  await page.locator('.email.unread').first().waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true);
  // A day past the next notice brings an unread one; then remove a user and read it.
  await page.getByLabel('As of').fill(isoDay(16));
  await page.goto(`${server.url}/users/classic?q=tom`);
  await page.getByRole('button', { name: 'Remove Tom Becker' }).click();
  await page.getByRole('dialog', { name: 'Remove Tom Becker' }).getByRole('button', { name: 'Remove Tom Becker' }).click();
  await page.goto(`${server.url}/outbox`);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Outbox/ });
  const unread = async () => Number((await link.innerText()).match(/(\d+) unread/)?.[1] ?? 0);
  assert.equal(await unread(), 1);
  await page.locator('.email.unread summary').first().click();
  await page.locator('.email.unread').first().waitFor({ state: 'detached' });
  assert.equal(await unread(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await flash(page).getByText('Undone.').waitFor();
  assert.equal(await unread(), 0, 'the email stays read');
  await page.goto(`${server.url}/users/classic?q=tom`);
  await page.getByRole('row', { name: /Tom Becker/ }).waitFor();
});

test('16.12 Remove on several users says exactly who goes and who stays', async () => {
  const page = await open('/users/classic');
  for (const name of ['Tom Becker', 'Dana Reyes', 'Priya Natarajan']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove 1 of 3 users' });
  await dialog.getByRole('button', { name: 'Remove Tom Becker' }).click();
  await flash(page).getByText('Tom Becker was removed. Dana Reyes and Priya Natarajan were not: they hold a role.').waitFor();
  await page.reload();
  await page.getByRole('row', { name: /Dana Reyes/ }).waitFor();
  assert.equal(await page.getByRole('row', { name: /Tom Becker/ }).count(), 0);
});
