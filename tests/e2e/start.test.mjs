// Issue 31: start from your own Autodesk account: Autodesk Account's exports read into a preview, what they
// don't say asked, over-assigned seats left to the admin, and the built account replacing the demo as one Undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { serve, browser, openConsole } from './harness.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'autodesk');
let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const flash = (page) => page.getByRole('status');

test('issue 31: from the exports to a working console of your own account, by keyboard, and Undo', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  await page.getByRole('link', { name: 'Start from Autodesk exports' }).click();
  await page.getByRole('heading', { name: 'Start from your Autodesk account' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Replace the account' }).isDisabled(), true);
  await page.getByLabel('Subscriptions export (required)').setInputFiles(path.join(fixtures, 'subscriptions.csv'));
  await page.getByText('Read subscriptions.csv.').waitFor();
  await page.getByLabel('Users export (optional)').setInputFiles(path.join(fixtures, 'users-excel.csv'));
  await page.getByText('Read users-excel.csv.').waitFor();
  // What the exports don't say is asked; typed and left by Tab, as a keyboard user does.
  const preview = page.getByRole('region', { name: 'What will be built' });
  await preview.getByText("Enter the company's name: the exports don't say it.").waitFor();
  await page.getByLabel('Company name').focus();
  await page.keyboard.type('Northwind Engineering');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Maria Keller <maria.keller@northwind.example>');
  await page.keyboard.press('Tab');
  // Each contract the exports name no contract manager for may have its own; a wrong one names its contract.
  assert.equal(await page.getByRole('group', { name: 'Contract manager of each contract (optional)' }).getByRole('textbox').count(), 3);
  await page.getByLabel('Contract 110200000002').fill('Ravi Shah');
  await page.getByLabel('Contract 110200000002').press('Tab');
  await preview.getByText(/^Contract 110200000002: /).waitFor();
  await page.getByLabel('Contract 110200000002').fill('Ravi Shah <ravi.shah@northwind.example>');
  await page.getByLabel('Contract 110200000002').press('Tab');
  await preview.getByText('BIM Collaborate Pro in Northwind Field: 17 people are assigned it in the Users export, and its subscriptions have 15 seats (rule 40).').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Replace the account' }).isDisabled(), true, 'not until the admin chooses');
  await preview.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).check();
  await preview.getByText('3 contracts · 9 subscriptions in 3 teams · 302 people').waitFor();
  assert.match(await preview.innerText(), /row \d+: BIM Collaborate Pro in Northwind Field is left out, past its 15 seats/);
  assert.match(await preview.innerText(), /Northwind Field: the Users export names no primary admin, so Maria Keller/);
  const unusable = await preview.getByRole('row', { name: /Canceled/ }).innerText();
  assert.match(unusable, /Subscriptions, row 11\s+Canceled\s+a canceled subscription holds no seats/);
  // Replace, confirmed in a dialog whose focus starts on Cancel.
  await page.getByRole('button', { name: 'Replace the account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace the account' });
  await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await flash(page).getByText("Your account was built from Autodesk Account's exports. Undo brings back the account before.").waitFor();
  await page.getByText('Choose the Subscriptions export to see what will be built.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'start-title');
  // A working console of that account, after a reload too: its teams, people and seats.
  await page.reload();
  await page.getByText('Northwind Engineering').first().waitFor();
  await page.goto(`${server.url}/users/by-user`);
  await page.getByText('Team: Northwind Field').waitFor();
  await page.getByText('81 users').waitFor();
  await page.goto(`${server.url}/billing/subscriptions`);
  await page.getByText('BIM Collaborate Pro').first().waitFor();
  // One Undo brings the demo account back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await flash(page).getByText('Undone.').waitFor();
  await page.getByText('Contoso Engineering').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('issue 31: a file that is not the export changes nothing and says why', async () => {
  const page = await openConsole(chromium, `${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles({ name: 'seats.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Seats\nAutoCAD,3\n') });
  await page.locator('#export-subscriptions-error').getByText("The Subscriptions export: The file's first row must be the column names: subscription_id, offering_name, seat_quantity, start_date, end_date.").waitFor();
  assert.equal(await page.getByRole('button', { name: 'Replace the account' }).isDisabled(), true);
  // A picture or a workbook is said to be one, at its field (an admin trial: it was blamed on its header).
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await page.getByLabel('Subscriptions export (required)').setInputFiles({ name: 'seats.png', mimeType: 'image/png', buffer: png });
  const field = page.getByLabel('Subscriptions export (required)');
  await page.locator('#export-subscriptions-error').getByText(/^The Subscriptions export: The file is a picture, a PDF or another file that is not text, not a CSV/).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await field.getAttribute('aria-describedby'), /export-subscriptions-error/);
  // A wrong file is taken back with Remove, and focus stays on its field.
  await page.getByRole('button', { name: 'Remove the Subscriptions export' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'export-subscriptions');
  assert.equal(await page.locator('#export-subscriptions-error').count(), 0);
  // A contract manager given without an address is said so whole, at the field.
  await page.getByLabel('Subscriptions export (required)').setInputFiles(path.join(fixtures, 'subscriptions.csv'));
  // The Groups export chosen as the Users export is said to be another export.
  await page.getByLabel('Users export (optional)').setInputFiles(path.join(fixtures, 'groups.csv'));
  await page.locator('#export-users-error').getByText(/only group, group_type, team, email: is it another export\?$/).waitFor();
  await page.getByRole('button', { name: 'Remove the Users export' }).click();
  await page.getByLabel('Contract manager').fill('Maria Keller');
  await page.getByLabel('Contract manager').press('Tab');
  await page.locator('#start-manager-error').getByText('The contract manager: "Maria Keller" has no email address: write it as "Maria Keller <email>".').waitFor();
  assert.equal(await page.getByLabel('Contract manager').getAttribute('aria-invalid'), 'true');
  // Exports of another company than this account's: its company and contract manager are not offered.
  assert.equal(await page.getByRole('button', { name: "Fill in this account's company and contract manager" }).count(), 0);
  await page.goto(`${server.url}/`);
  await page.getByText('Contoso Engineering').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('issue 31: a classic user list builds the contracts it names as classic ones', async () => {
  const page = await openConsole(chromium, `${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles(path.join(fixtures, 'subscriptions-classic.csv'));
  await page.getByLabel('Users export (optional)').setInputFiles(path.join(fixtures, 'users.csv'));
  await page.getByLabel('Classic user list (optional)').setInputFiles(path.join(fixtures, 'classic-users.csv'));
  await page.getByText('Read classic-users.csv.').waitFor();
  await page.getByLabel('Company name').fill('Northwind Engineering');
  await page.getByLabel('Contract manager').fill('Maria Keller <maria.keller@northwind.example>');
  await page.getByLabel('Contract manager').press('Tab');
  await page.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).check();
  const preview = page.getByRole('region', { name: 'What will be built' });
  await preview.getByText(/^4 contracts · 9 subscriptions in 3 teams/).waitFor();
  await preview.getByRole('row', { name: /Classic user list, row 12\s+Maya\s+is not a product of contract 110200000004's subscriptions/ }).waitFor();
  await preview.getByRole('row', { name: /Classic user list, row 13\s+110299999999\s+is not a contract of the Subscriptions export/ }).waitFor();
  await page.getByRole('button', { name: 'Replace the account' }).click();
  await page.getByRole('dialog', { name: 'Replace the account' }).getByRole('button', { name: 'Replace the account' }).click();
  await flash(page).getByText("Your account was built from Autodesk Account's exports.", { exact: false }).waitFor();
  // Its contract manager sees it, after a reload: its lines, seats, serial numbers and software coordinator.
  await page.reload();
  await page.getByLabel('Viewing as').selectOption({ label: 'Oskar Lind — Contract Manager' });
  await page.goto(`${server.url}/billing/contracts/110200000004`);
  await page.getByRole('heading', { name: /110200000004/ }).first().waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /399-40000001/);
  assert.match(text, /Hana Ito/);
  await page.goto(`${server.url}/users/classic`);
  await page.getByRole('row', { name: /Lea Fischer.*Pending/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

/** The first start, quickly: the three exports, the answers, the over-assigned seats left out, replaced. */
async function startFromFixtures(page) {
  await page.getByLabel('Subscriptions export (required)').setInputFiles(path.join(fixtures, 'subscriptions.csv'));
  await page.getByLabel('Users export (optional)').setInputFiles(path.join(fixtures, 'users.csv'));
  await page.getByLabel('Seat Usage export (optional)').setInputFiles(path.join(fixtures, 'usage.csv'));
  await page.getByLabel('Groups export (optional)').setInputFiles(path.join(fixtures, 'groups.csv'));
  await page.getByLabel('Company name').fill('Northwind Engineering');
  await page.getByLabel('Contract manager').fill('Maria Keller <maria.keller@northwind.example>');
  await page.getByLabel('Contract manager').press('Tab');
  await page.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).check();
  await page.getByText(/· 4 groups · [\d,]+ days of use by \d+ people/).waitFor();
  await page.getByText(/Usage export: \d+ rows have the team's personal data off/).waitFor();
  await page.getByRole('button', { name: 'Replace the account' }).click();
  await page.getByRole('dialog', { name: 'Replace the account' }).getByRole('button', { name: 'Replace the account' }).click();
  await flash(page).getByText("Your account was built from Autodesk Account's exports.", { exact: false }).waitFor();
}

test('issue 31: newer exports show what changed since and apply it as one change, at 390 px', async () => {
  const page = await openConsole(chromium, `${server.url}/start`);
  await page.setViewportSize({ width: 390, height: 844 });
  await startFromFixtures(page);
  const read = (name) => import('node:fs').then((fs) => fs.readFileSync(path.join(fixtures, name), 'utf8'));
  const subs = (await read('subscriptions.csv')).replace('72000002,AutoCAD,25,2025-12-20,2026-12-20', '72000002,AutoCAD,30,2026-12-20,2027-12-20');
  const users = (await read('users.csv')).split('\n').filter((l) => !l.startsWith('Deepak,Moreau,'))
    .concat(['Noor,Haddad,noor.haddad@northwind.example,ADSK00099999,User,Northwind Design,AutoCAD,Pending']).join('\n');
  await page.getByLabel('Subscriptions export (required)').setInputFiles({ name: 'subscriptions-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(subs) });
  await page.getByLabel('Users export (optional)').setInputFiles({ name: 'users-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(users) });
  // A newer Groups export too: a group made since, with its member (a refresh used to read it the first time only).
  const groups = (await read('groups.csv')) + 'Drafting,Local,Northwind Design,ada.park@northwind.example\n';
  await page.getByLabel('Groups export (optional)').setInputFiles({ name: 'groups-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(groups) });
  await page.getByRole('button', { name: "Fill in this account's company and contract manager" }).click();
  assert.equal(await page.getByLabel('Company name').inputValue(), 'Northwind Engineering');
  await page.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).check();
  const changes = page.getByRole('region', { name: 'What changed since' });
  await changes.getByText('AutoCAD subscription 72000002 in Northwind Design: seats 25 → 30, ends 2026-12-20 → 2027-12-20').waitFor();
  await changes.getByText('Deepak Moreau leaves Northwind Design').waitFor();
  await changes.getByText('Noor Haddad (noor.haddad@northwind.example) joins Northwind Design as User, invited').waitFor();
  await changes.getByText('Noor Haddad is assigned AutoCAD in Northwind Design').waitFor();
  await changes.getByText('New group Drafting in Northwind Design').waitFor();
  await changes.getByText('Ada Park joins the group Drafting in Northwind Design').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');
  await changes.getByRole('button', { name: 'Apply the 6 changes' }).focus();
  await page.keyboard.press('Enter');
  await flash(page).getByText('Refreshed from Autodesk exports: 6 changes applied. Undo takes them all back.').waitFor();
  // The button pressed is gone with the preview: focus is on the page's title, not lost to the page.
  await page.waitForFunction(() => document.activeElement?.id === 'start-title');
  // Kept after a reload: the activity log has an entry per change, and the seats are the new ones.
  await page.goto(`${server.url}/reporting/activity`);
  await page.getByText('Refreshed from Autodesk exports: Deepak Moreau leaves Northwind Design').first().waitFor();
  await page.getByText('Refreshed from Autodesk exports: Noor Haddad is assigned AutoCAD in Northwind Design').first().waitFor();
  // The Seat Usage export's days are Reporting's: the contract manager administers Northwind Field, whose
  // people's last use is in the export.
  await page.goto(`${server.url}/reporting/usage?period=3m`);
  await page.getByRole('table', { name: /Use per person and product/ }).locator('tbody tr').first().waitFor();
  const used = await page.getByRole('table', { name: /Use per person and product/ }).locator('tbody tr').filter({ hasText: /2026-1[12]-\d\d/ }).count();
  assert.ok(used > 0, 'rows with a last day of use');
  // The Groups export's groups, with their members: Northwind Field's crews.
  await page.goto(`${server.url}/users/by-group`);
  await page.getByRole('row', { name: /Site crews/ }).waitFor();
  // A seat count mistyped in newer exports would look like an ended subscription: nothing can be applied.
  await page.goto(`${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: Buffer.from(subs.replace('72000005,Fusion,20,', '72000005,Fusion,-5,')) });
  await page.getByRole('button', { name: "Fill in this account's company and contract manager" }).click();
  await page.getByText(/^1 row of the Subscriptions export can't be read/).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Apply the/ }).count(), 0);
  // The same exports once more: nothing left to change.
  await page.goto(`${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles({ name: 'subscriptions-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(subs) });
  await page.getByLabel('Users export (optional)').setInputFiles({ name: 'users-2027.csv', mimeType: 'text/csv', buffer: Buffer.from(users) });
  await page.getByRole('button', { name: "Fill in this account's company and contract manager" }).click();
  await page.getByRole('checkbox', { name: /Leave out the assignments past the seats/ }).check();
  await page.getByText('This account already says what these exports say.').waitFor();
  assert.deepEqual(page.errors, []);
});

// The ninth session's admin trial: a quote left open swallowed five people, and only a wrong email was named.
test('a Users export with a quote left open names the rows it swallowed; a company name too long is refused', async () => {
  const page = await openConsole(chromium, `${server.url}/start`);
  await page.getByLabel('Subscriptions export (required)').setInputFiles(path.join(fixtures, 'subscriptions.csv'));
  const users = (await readFile(path.join(fixtures, 'users.csv'), 'utf8')).split('\n');
  users[2] = users[2].replace('Deepak,Moreau,', 'Deepak,"Moreau,');
  await page.getByLabel('Users export (optional)').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(users.join('\n')) });
  const preview = page.getByRole('region', { name: 'What will be built' });
  await preview.getByText(/row 3.*is left open, so the next \d+ rows of the file were read into it/).waitFor();
  await page.getByLabel('Company name').fill('N'.repeat(101));
  await page.getByLabel('Company name').press('Tab');
  await preview.getByText("Shorten the company's name: at most 100 characters.").waitFor();
  assert.deepEqual(page.errors, []);
});
