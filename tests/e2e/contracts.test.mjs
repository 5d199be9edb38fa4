// Contracts, roles, Team hubs, the Outbox and "As of" end to end (issue 5: W5, W7, W8, W9).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const open = (path) => openConsole(chromium, `${server.url}${path}`);
const flash = (page) => page.getByRole('status');
const isoDay = (days) => { const d = new Date(); d.setDate(d.getDate() + days); return d.toLocaleDateString('en-CA'); };

test('the contract list shows each contract with its status, seats and days to renewal', async () => {
  const page = await open('/billing/contracts');
  await page.getByRole('heading', { name: 'Contracts & Subscriptions' }).waitFor();
  const row = (no) => page.getByRole('row', { name: new RegExp(no) });
  assert.match(await row('110055550000').innerText(), /Expiring[\s\S]*45 days to renewal/);
  assert.match(await row('110099990000').innerText(), /Expired[\s\S]*ended 10 days ago/);
  assert.match(await row('110012345678').innerText(), /AutoCAD: 4 of 5/);
  await page.getByLabel('Status').selectOption('Expiring');
  assert.equal(await page.getByRole('row').count(), 2);
});

test('a named user is refused on the contract pages', async () => {
  const page = await open('/billing/contracts');
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — User' });
  await page.getByText('Only a contract manager can see contracts, billing and renewals.').waitFor();
  await page.goto(`${server.url}/billing/contracts/110012345678`);
  await page.getByText('Only a contract manager can see contracts, billing and renewals.').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Products' }).count(), 0);
});

test('W7 assign a software coordinator: the old one loses the role for those serial numbers only', async () => {
  const page = await open('/billing/contracts/110012345678');
  const form = page.getByRole('region', { name: 'Manage Software Coordinators' });
  await form.getByRole('checkbox', { name: '399-22222222' }).check();
  await form.getByLabel('Software coordinator').selectOption({ label: 'Tom Becker' });
  await form.getByRole('button', { name: 'Assign' }).click();
  await flash(page).getByText('Tom Becker is now the software coordinator for 399-22222222.').waitFor();
  const serials = page.getByRole('region', { name: 'Serial numbers' });
  assert.match(await serials.getByRole('row', { name: /399-22222222/ }).innerText(), /Tom Becker/);
  assert.match(await serials.getByRole('row', { name: /399-11111111/ }).innerText(), /Dana Reyes \(contract manager\)/);
  await page.reload();
  assert.match(await page.getByRole('region', { name: 'Serial numbers' }).getByRole('row', { name: /399-22222222/ }).innerText(), /Tom Becker/);
  await page.goto(`${server.url}/users/classic?q=priya`);
  assert.match(await page.getByRole('row', { name: /Priya Natarajan/ }).innerText(), /\bUser\b/);
  // Each reads their own email in their Outbox (issue 26).
  await page.goto(`${server.url}/outbox`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — Software Coordinator' });
  await page.getByText('You are now the software coordinator for contract 110012345678').waitFor();
  await page.getByLabel('Viewing as').selectOption({ label: 'Priya Natarajan — Secondary Admin' });
  await page.getByText('You are no longer a software coordinator for contract 110012345678').waitFor();
});

test('W5 change contract manager: a reseller contract changes, a store contract is refused', async () => {
  const page = await open('/billing/contracts/110044443333');
  let form = page.getByRole('region', { name: 'Change contract manager' });
  await form.getByLabel('New contract manager').selectOption({ label: 'Tom Becker' });
  await form.getByRole('button', { name: 'Change contract manager' }).click();
  await page.getByRole('dialog', { name: 'Change contract manager' }).getByRole('button', { name: 'Change contract manager' }).click();
  await flash(page).getByText('Contract 110044443333 was bought from the Autodesk store, so its contract manager can\'t be changed: cancel it and buy it again as the new contract manager.').waitFor();
  await page.goto(`${server.url}/billing/contracts/110012345678`);
  form = page.getByRole('region', { name: 'Change contract manager' });
  await form.getByLabel('New contract manager').selectOption({ label: 'Tom Becker' });
  await form.getByRole('button', { name: 'Change contract manager' }).click();
  await page.getByRole('dialog', { name: 'Change contract manager' }).getByRole('button', { name: 'Change contract manager' }).click();
  await flash(page).getByText('Tom Becker is now the contract manager of 110012345678.').waitFor();
  await page.getByText('Only a contract manager can see contracts').waitFor();
  await page.reload();
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — Contract Manager' });
  await page.getByRole('region', { name: 'Summary' }).getByText('Tom Becker').waitFor();
});

test('W8 two contracts on one hub of their type, once the contract manager holds a Team seat', async () => {
  const page = await open('/hubs');
  const form = page.getByRole('region', { name: 'Assign a contract to a hub' });
  await form.getByLabel('Contract').selectOption('110055550000');
  await form.getByLabel('Hub', { exact: true }).selectOption({ label: 'Contoso Projects' });
  await form.getByRole('button', { name: 'Assign Contract' }).click();
  await flash(page).getByText('Dana Reyes needs a seat of Fusion Team on contract 110055550000 to see "Access now"; assign one to yourself first.').waitFor();
  // Give Dana a Fusion Team seat on both Fusion Team contracts in Edit Access, then assign again.
  await page.goto(`${server.url}/users/classic?q=dana`);
  await page.getByRole('button', { name: 'Edit Access for Dana Reyes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — Dana Reyes' });
  for (const no of ['110055550000', '110044443333']) {
    await dialog.getByRole('region', { name: `Contract ${no}` }).getByRole('checkbox', { name: 'Fusion Team 2026' }).check();
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText('Access updated for Dana Reyes').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team hubs' }).click();
  await form.getByLabel('Contract').selectOption('110055550000');
  await form.getByLabel('Hub', { exact: true }).selectOption({ label: 'Contoso Projects' });
  await form.getByRole('button', { name: 'Assign Contract' }).click();
  await flash(page).getByText('Contract 110055550000 holds Fusion Team, so it can\'t go to Contoso Projects, a BIM 360 Team hub: choose a Fusion Team hub.').waitFor();
  const create = page.getByRole('region', { name: 'Create a hub' });
  await create.getByLabel('Hub name').fill('Contoso Fusion');
  await create.getByLabel('Hub address').fill('https://contoso-fusion.autodesk360.com');
  await create.getByLabel('Hub type').selectOption('Fusion Team');
  await create.getByRole('button', { name: 'Create hub' }).click();
  await flash(page).getByText(/^The hub .* was created\./).waitFor();
  for (const no of ['110055550000', '110044443333']) {
    await form.getByLabel('Contract').selectOption(no);
    await form.getByLabel('Hub', { exact: true }).selectOption({ label: 'Contoso Fusion' });
    await form.getByRole('button', { name: 'Assign Contract' }).click();
    await flash(page).getByText(`Contract ${no} is assigned to the hub.`).waitFor();
  }
  await page.reload();
  const row = page.getByRole('row', { name: /Contoso Fusion/ });
  assert.match(await row.innerText(), /Subscribed[\s\S]*110044443333, 110055550000/);
});

test('W8 never signed up: create a hub, which is a trial until a contract is assigned', async () => {
  const page = await open('/hubs');
  const form = page.getByRole('region', { name: 'Create a hub' });
  await form.getByLabel('Hub name').fill('Site Works');
  await form.getByLabel('Hub address').fill('siteworks.autodesk360.com');
  await form.getByRole('button', { name: 'Create hub' }).click();
  await flash(page).getByText('"siteworks.autodesk360.com" is not a Team hub address: enter it as https://yourhub.autodesk360.com.').waitFor();
  await form.getByLabel('Hub address').fill('https://siteworks.autodesk360.com');
  await form.getByLabel('Hub type').selectOption('Fusion Team');
  await form.getByRole('button', { name: 'Create hub' }).click();
  await flash(page).getByText(/^The hub .* was created\./).waitFor();
  await page.reload();
  assert.match(await page.getByRole('row', { name: /Site Works/ }).innerText(), /https:\/\/siteworks\.autodesk360\.com\s+Fusion Team\s+Trial/);
});

test('W9 As of: moving past T-45 gives exactly one 45-day notice per contract, and it survives a reload', async () => {
  const page = await open('/outbox');
  await page.getByLabel('As of').fill(isoDay(160));
  await page.getByLabel('Kind').selectOption('Renewal notice');
  const subjects = async () => page.locator('.subject').allInnerTexts();
  const perContract = (list) => {
    const count = {};
    for (const s of list.filter((s) => s.includes('(45-day notice)'))) {
      const no = s.match(/Contract (\d+)/)[1];
      count[no] = (count[no] ?? 0) + 1;
    }
    return count;
  };
  await page.getByText('(45-day notice)').first().waitFor();
  // The expired monthly 110099990000 began after its 45-day mark, so it never had that notice.
  const once = { '110012345678': 1, '110055550000': 1, '110087654321': 1 };
  assert.deepEqual(perContract(await subjects()), once);
  await page.getByLabel('As of').fill(isoDay(161));
  await page.reload();
  assert.equal(await page.getByLabel('As of').inputValue(), isoDay(161));
  await page.getByLabel('Kind').selectOption('Renewal notice');
  assert.deepEqual(perContract(await subjects()), once);
  for (const s of await subjects()) assert.match(s, /^Contract \d+ expires in \d+ days \(\d+-day notice\)$/);
  // The statuses follow the date too.
  await page.goto(`${server.url}/billing/contracts`);
  assert.match(await page.getByRole('row', { name: /110055550000/ }).innerText(), /Canceled/);
});

test('the Outbox counts unread emails and marks one read when it is opened', async () => {
  const page = await open('/outbox');
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Outbox/ });
  await page.getByLabel('Recipient').selectOption('dana.reyes@contoso-eng.com');
  const before = await link.innerText();
  const unread = Number(before.match(/(\d+) unread/)[1]);
  await page.getByText('(45-day notice)').first().click();
  await page.getByText('Contact your Autodesk sales representative to renew.').first().waitFor();
  const after = await link.innerText();
  assert.equal(after.match(/(\d+) unread/)?.[1] ?? '0', String(unread - 1));
});

test('Home lists what needs attention', async () => {
  const page = await open('/');
  await page.getByRole('region', { name: 'Contracts and subscriptions ending' }).getByRole('link', { name: /Contract 110055550000 expires in 45 days/ }).waitFor();
  await page.getByRole('region', { name: 'Seats nearly exhausted' }).getByText('AutoCAD on contract 110012345678: 4 of 5 seats used').waitFor();
  const invites = page.getByRole('region', { name: 'Invitations to resend' });
  await invites.getByRole('link', { name: 'Victor Hugo Alves (User Management)' }).waitFor();
});
