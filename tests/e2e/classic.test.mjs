// Classic User Management end to end (issue 4: W1–W4, W10), on the release build in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, browser, openConsole, csvText } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const PLAN = 'Contract 110012345678';
const NETWORK = 'Contract 110087654321';

async function users(path = '') {
  const page = await openConsole(chromium, `${server.url}/users/classic${path}`);
  await page.getByRole('heading', { name: 'Classic User Management' }).waitFor();
  return page;
}
const flash = (page) => page.getByRole('status');
const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });

test('W1 list: filters live in the URL, count the matches and survive a reload', async () => {
  const page = await users();
  await page.getByText('38 users').waitFor();
  await page.getByLabel('Product').selectOption('Civil 3D');
  await page.getByText('3 users').waitFor(); // two stand-alone seats and the AEC Collection's holder
  assert.match(page.url(), /product=Civil(\+|%20)3D/);
  await page.getByLabel('Search').fill('chen');
  await page.getByText('1 user', { exact: true }).waitFor();
  await page.reload();
  await row(page, 'Mei Chen').waitFor();
  assert.equal(await page.getByRole('row').count(), 2);
  assert.equal(await page.getByLabel('Search').inputValue(), 'chen');
  // A bookmarked filter by role opens directly.
  const coordinators = await users('?role=software-coordinator');
  await coordinators.getByText('2 users').waitFor();
});

test('W1 add: each field is checked where it is typed, a duplicate is refused, the new user is pending', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  await dialog.getByText('Enter an email address.').waitFor();
  await dialog.getByText('Enter a first name.').waitFor();
  await dialog.getByText('Enter a last name.').waitFor();
  await dialog.getByLabel('Email').fill('tom.becker@contoso-eng.com');
  await dialog.getByLabel('First name').fill('Tom');
  await dialog.getByLabel('Last name').fill('Again');
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  await dialog.getByText('tom.becker@contoso-eng.com is already a user (Tom Becker); each email can be added once.').waitFor();
  await dialog.getByLabel('Email').fill('jane.doe@contoso-eng.com');
  await dialog.getByLabel('First name').fill('Jane');
  await dialog.getByLabel('Last name').fill('Doe');
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  await dialog.waitFor({ state: 'detached' });
  await flash(page).getByText('Jane Doe was added and invited').waitFor();
  assert.match(await row(page, 'Jane Doe').innerText(), /Pending/);
  await page.reload();
  assert.match(await row(page, 'Jane Doe').innerText(), /jane\.doe@contoso-eng\.com/);
});

test('W1 add with access now continues to Edit Access; Escape closes a dialog', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: 'Add user' });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Email').fill('li.wei@contoso-eng.com');
  await dialog.getByLabel('First name').fill('Li');
  await dialog.getByLabel('Last name').fill('Wei');
  await dialog.getByLabel("I'd like to add access to the user(s) now").check();
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  const access = page.getByRole('dialog', { name: 'Edit Access — Li Wei' });
  await access.getByRole('tab', { name: 'Products & Services' }).waitFor();
  await access.getByRole('region', { name: PLAN }).getByRole('checkbox', { name: 'Revit 2026' }).check();
  await access.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText('Access updated for Li Wei').waitFor();
  assert.match(await row(page, 'Li Wei').innerText(), /Revit/);
});

test('W2 bulk add: valid entries are added, a bad one is reported with its reason', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Bulk Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk Add' });
  await dialog.getByLabel('Users').fill('Ana Silva <ana.silva@contoso-eng.com>; not-an-email\nbo.lund@contoso-eng.com, priya.natarajan@contoso-eng.com');
  // Before Save, the preview already names the entries it will pass over, and why.
  const told = dialog.getByRole('region', { name: 'What Save will do' });
  await told.getByText('Skipped "not-an-email": "not-an-email" is not a valid email address').waitFor();
  await told.getByText(/Skipped "priya.natarajan@contoso-eng.com": priya.natarajan@contoso-eng.com is already a user/).waitFor();
  await dialog.getByRole('button', { name: 'Save & Continue' }).click();
  const results = dialog.getByRole('list', { name: 'Bulk add results' });
  await results.getByText('Added Ana Silva <ana.silva@contoso-eng.com>').waitFor();
  await results.getByText('Added Bo Lund <bo.lund@contoso-eng.com>').waitFor();
  await results.getByText('Skipped "not-an-email": "not-an-email" is not a valid email address').waitFor();
  await results.getByText('Skipped "priya.natarajan@contoso-eng.com": priya.natarajan@contoso-eng.com is already a user').waitFor();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await row(page, 'Bo Lund').waitFor();
  await page.getByText('40 users').waitFor();
});

test('W3 edit access: live seat counts, and a refusal once the seats run out', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Edit Access for Kenji Tanaka' }).click();
  let dialog = page.getByRole('dialog', { name: 'Edit Access — Kenji Tanaka' });
  let plan = dialog.getByRole('region', { name: PLAN });
  const autocad = plan.locator('.line', { hasText: 'AutoCAD 2026' });
  await autocad.getByText('1 of 5 seats available').waitFor();
  await plan.getByRole('checkbox', { name: 'AutoCAD 2026' }).check();
  await autocad.getByText('0 of 5 seats available').waitFor();
  assert.ok(await plan.getByRole('checkbox', { name: 'AutoCAD: Cloud Storage' }).isChecked());
  await plan.getByRole('checkbox', { name: 'AutoCAD: AutoCAD web app' }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText('Access updated for Kenji Tanaka').waitFor();
  await page.getByRole('button', { name: 'Edit Access for Luis Ortega' }).click();
  await page.getByRole('dialog', { name: 'Edit Access — Luis Ortega' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Edit Access for Ravi Patel' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Access — Ravi Patel' });
  plan = dialog.getByRole('region', { name: PLAN });
  await plan.getByRole('checkbox', { name: 'AutoCAD 2026' }).click();
  await plan.getByText('All 5 seats of AutoCAD on contract 110012345678 are assigned; unassign someone or buy more seats.').waitFor();
  assert.equal(await plan.getByRole('checkbox', { name: 'AutoCAD 2026' }).isChecked(), false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  assert.match(await row(page, 'Kenji Tanaka').innerText(), /AutoCAD/);
});

test('W3 several users at once: Actions → Edit Access checks seats for all of them', async () => {
  const page = await users();
  await page.getByRole('checkbox', { name: 'Select Ben Carter' }).check();
  await page.getByRole('checkbox', { name: 'Select Arjun Mehta' }).check();
  await page.getByText('2 selected').waitFor();
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('button', { name: 'Edit Access', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — 2 users' });
  const plan = dialog.getByRole('region', { name: PLAN });
  await plan.getByRole('checkbox', { name: 'Civil 3D 2026' }).click();
  // Issue 16.8: two are needed and one is free, said as such (the same sentence Save would give).
  await plan.getByText('Civil 3D on contract 110012345678: 2 seats are needed and 1 is available; unassign someone, select fewer users or buy more seats.').waitFor();
  const network = dialog.getByRole('region', { name: NETWORK });
  await network.getByText('8 of 15 named users available (3 per multi-user seat)').waitFor();
  await network.getByRole('checkbox', { name: 'AutoCAD: Cloud Storage' }).check();
  await network.getByText('6 of 15 named users available (3 per multi-user seat)').waitFor();
  await dialog.getByRole('tab', { name: 'Benefits' }).click();
  await dialog.getByRole('region', { name: `Benefits of ${NETWORK}` }).getByRole('checkbox', { name: 'Web support' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText('Access updated for 2 users').waitFor();
  assert.match(await row(page, 'Ben Carter').innerText(), /AutoCAD/);
  assert.match(await row(page, 'Arjun Mehta').innerText(), /AutoCAD/);
  await page.getByLabel('Benefit').selectOption('Web support');
  await row(page, 'Arjun Mehta').waitFor();
});

test('W4 remove is refused for the contract manager and a coordinator, with the role to reassign', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Remove Dana Reyes' }).click();
  let dialog = page.getByRole('dialog', { name: 'Remove Dana Reyes' });
  await dialog.getByText(/Dana Reyes is the contract manager of 1100\d+; make someone else contract manager first\./).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Remove' }).count(), 0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Remove Priya Natarajan' }).click();
  dialog = page.getByRole('dialog', { name: 'Remove Priya Natarajan' });
  await dialog.getByText('Priya Natarajan is the software coordinator of serial number 399-22222222; assign another software coordinator first.').waitFor();
});

test('W4 remove lists exactly what is lost, removes only that user, and survives a reload', async () => {
  const page = await users();
  await page.getByRole('button', { name: 'Remove Tom Becker' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Tom Becker' });
  const lost = await dialog.locator('ul.lost').getByRole('listitem').allInnerTexts();
  assert.deepEqual(lost, [
    'AutoCAD 2026 on contract 110012345678 with AutoCAD web app, Autodesk Drive, Cloud Storage',
    'Support benefits on contract 110012345678: Web support',
  ]);
  // Issue 12: what Remove will do, from the command applied to a copy of the account.
  const told = await dialog.getByRole('region', { name: 'What Save will do' }).getByRole('listitem').allInnerTexts();
  assert.deepEqual(told, [
    'Tom Becker is removed from Classic User Management',
    'AutoCAD · contract 110012345678 · 399-11111111: 1 seat freed, 3 of 5 in use',
    'Tom Becker loses AutoCAD · contract 110012345678 · 399-11111111',
  ]);
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await flash(page).getByText('Tom Becker was removed.').waitFor();
  await page.getByText('37 users').waitFor();
  await page.reload();
  await page.getByText('37 users').waitFor();
  assert.equal(await row(page, 'Tom Becker').count(), 0);
  assert.match(await row(page, 'Aisha Khan').innerText(), /AutoCAD/);
});

test('resend invite: a new invitation goes out and the 90-day clock restarts', async () => {
  const page = await users('?q=victor');
  assert.match(await row(page, 'Victor Hugo Alves').innerText(), /Pending · Resend invite/);
  await page.getByRole('button', { name: 'Resend invite to Victor Hugo Alves' }).click();
  await flash(page).getByText('The invitation was sent again to Victor Hugo Alves.').waitFor();
  await page.reload();
  const text = await row(page, 'Victor Hugo Alves').innerText();
  assert.match(text, /Pending/);
  assert.doesNotMatch(text, /Resend invite\s*·|· Resend invite/);
});

test('W10 export downloads the filtered list as CSV', async () => {
  const page = await users('?product=Navisworks%20Manage&q=rossi');
  await page.getByText('1 user', { exact: true }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), 'users.csv');
  const csv = csvText(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(csv.trim().split('\n'), [
    'First name,Last name,Email,Role,Status,Contract number,Serial number,Product,Services,Benefits,Access',
    'Sofia,Rossi,sofia.rossi@contoso-eng.com,User,Active,110012345678,399-22222222,Navisworks Manage,BIM 360 Glue; Cloud Storage,,Yes',
  ]);
});

test('select all picks every listed user', async () => {
  const page = await users('?role=software-coordinator');
  await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
  await page.getByText('2 users · 2 selected').waitFor();
  // A bulk action names the list it was chosen from (issue 32.2).
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('dialog', { name: 'Remove 0 of 2 users' }).getByText('Selected from the list filtered by role Software Coordinator.').waitFor();
});
