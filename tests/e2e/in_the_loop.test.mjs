// Issue 30 end to end, every admin in the loop: Pending invitations (everyone invited and not yet accepted,
// classic and team; filters; an invitation lapsing as "As of" moves, rule 20; Resend of the selected by keyboard,
// kept after a reload; Copy invitation; 390 px; refused to a plain user), rule 44 (a subscription moved), alerts
// chosen on Notifications, rule 57 (a team's admin creates a Fusion Team hub) with rule 26 (the removal
// confirmation lists it), and W3' (the "ready to download" email).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole, axeViolations } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const isoDay = (days) => { const d = new Date(); d.setDate(d.getDate() + days); return d.toLocaleDateString('en-CA'); };
const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });

/** No axe-core violation, light and dark, and nothing wider than 390 px, on the page as it is now. */
async function accessible(page, what) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axeViolations(page), [], `${what} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), `${what} at 390 px`);
  await page.setViewportSize(size);
}

test('pending invitations: filtered, lapsing as "As of" moves, resent by keyboard, kept after a reload, copied', async () => {
  const page = await openConsole(chromium, `${server.url}/users/invitations`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('heading', { name: 'Pending invitations' }).waitFor();
  await page.getByText('10 pending, 4 lapsed').waitFor();
  await page.getByLabel('Where', { exact: true }).selectOption('Contoso Engineering');
  await page.getByText('2 pending, 1 lapsed').waitFor();
  assert.match(await row(page, 'Omar Farouk').innerText(), /Lapsed/);
  assert.doesNotMatch(await row(page, 'Ava Thompson').innerText(), /Lapsed/);
  // Ava was invited 3 days ago: 6 days on, her 7 days (rule 20) are over.
  await page.getByLabel('As of').fill(isoDay(6));
  await page.getByText('2 pending, 2 lapsed').waitFor();
  assert.match(await row(page, 'Ava Thompson').innerText(), /Lapsed/);
  await page.getByLabel('Status', { exact: true }).selectOption('Lapsed');
  // Both selected by keyboard, then sent again.
  await page.getByRole('checkbox', { name: 'Select Omar Farouk (Contoso Engineering)' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: 'Select Ava Thompson (Contoso Engineering)' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Resend the selected (2)' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Sent again: 2 invitations.').waitFor();
  await page.getByText('0 pending, 0 lapsed').waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await page.reload();
  await page.getByText('10 pending, 4 lapsed').waitFor();
  assert.match(await row(page, 'Ava Thompson').innerText(), /Dana Reyes/, 'who sent it');
  assert.doesNotMatch(await row(page, 'Ava Thompson').innerText(), /Lapsed/);
  // Copy invitation: the email as it was last sent.
  await page.getByRole('button', { name: 'Copy invitation to Ava Thompson (Contoso Engineering)' }).click();
  await page.getByRole('status').getByText("Copied Ava Thompson's invitation: paste it into a chat or an email.").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Reminder: you've been invited to the team Contoso Engineering/);
  assert.match(copied, /Accept within 7 days/);
  // Ava's own Outbox has the reminder.
  await page.getByLabel('Viewing as').selectOption({ label: 'Ava Thompson — User' });
  await page.goto(`${server.url}/outbox`);
  await page.getByText("Reminder: you've been invited to the team Contoso Engineering").first().waitFor();
  await page.getByLabel('Viewing as').selectOption({ label: 'Dana Reyes — Contract Manager' });
  // A plain user is told they have no access, and the menu doesn't offer it.
  await page.goto(`${server.url}/users/invitations`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — User' });
  await page.getByText("You don't have access to pending invitations.", { exact: false }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Pending invitations' }).count(), 0);
  // At 390 px the page doesn't scroll sideways: the table scrolls in its box, the name held.
  await page.getByLabel('Viewing as').selectOption({ label: 'Dana Reyes — Contract Manager' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/users/invitations`);
  await page.getByText('10 pending, 4 lapsed').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
  assert.deepEqual(page.errors, []);
});

test('rule 44: the owner moves a subscription to another team once none of its seats is assigned; both pools change', async () => {
  const page = await openConsole(chromium, `${server.url}/billing/subscriptions`);
  // Aisha is tied to SUB-70012: refused, with the reason, before anything changes.
  await page.getByRole('button', { name: 'Move SUB-70012 to another team' }).click();
  let dialog = page.getByRole('dialog', { name: 'Move SUB-70012' });
  await dialog.getByText(/^Move would be refused: SUB-70012 can't move while its seats are assigned/).waitFor();
  await page.keyboard.press('Escape');
  await page.goto(`${server.url}/users/by-user?q=aisha`);
  await page.getByRole('button', { name: 'Products of Aisha Khan' }).click();
  await page.getByRole('dialog', { name: 'Products of Aisha Khan' }).getByRole('button', { name: 'Unassign AutoCAD' }).click();
  await page.getByRole('status').getByText('AutoCAD was unassigned from Aisha Khan.').waitFor();
  await page.goto(`${server.url}/billing/subscriptions`);
  await page.getByRole('button', { name: 'Move SUB-70012 to another team' }).click();
  dialog = page.getByRole('dialog', { name: 'Move SUB-70012' });
  await dialog.getByLabel('To team').selectOption({ label: 'Contoso Site Services' });
  await dialog.getByText('AutoCAD · Contoso Site Services pool: 0 → 2 seats, 0 in use').waitFor();
  await dialog.getByText('AutoCAD · Contoso Engineering pool: 8 → 6 seats, 3 in use').waitFor();
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await page.getByRole('status').getByText("SUB-70012 moved to Contoso Site Services; both teams' seat counts changed.").waitFor();
  await page.reload();
  await page.locator('tbody tr').first().waitFor();
  assert.equal(await page.getByRole('row', { name: /SUB-70012/ }).count(), 0, 'gone from Contoso Engineering');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Contoso Site Services' });
  await page.getByRole('row', { name: /SUB-70012/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('alerts: chosen by keyboard on Notifications, kept after a reload, each sent once as "As of" moves, withdrawn when it moves back', async () => {
  const page = await openConsole(chromium, `${server.url}/notifications`);
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await page.getByText('None yet.').waitFor();
  for (const alert of ['Renewal milestones', 'Seats nearly full or without access']) {
    await page.getByLabel(alert, { exact: true }).focus();
    await page.keyboard.press('Space');
  }
  await page.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  // What is nearly full now is told at once.
  await page.getByRole('status').getByText(/^Saved: you get 2 kinds of alert\. \d+ alerts? due today (was|were) sent to your Outbox\.$/).waitFor();
  await page.getByRole('listitem').filter({ hasText: '(nearly full)' }).first().waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Nothing to save: these are already your alerts.').waitFor();
  await page.reload();
  assert.ok(await page.getByLabel('Renewal milestones', { exact: true }).isChecked());
  assert.ok(await page.getByLabel('Seats nearly full or without access', { exact: true }).isChecked());
  assert.ok(!(await page.getByLabel('Weekly digest', { exact: true }).isChecked()));
  // 120 days on: the milestones passed, each dated on its day; a day later none is sent again.
  const milestones = async () => {
    await page.goto(`${server.url}/outbox?kind=Alert`);
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    const texts = await page.getByRole('list', { name: 'Emails' }).getByText(/^Alert: .* (ends in \d+ days|is Expired|is Suspended|is Canceled)$/).allInnerTexts();
    return texts.map((t) => t.trim());
  };
  await page.getByLabel('As of').fill(isoDay(120));
  const passed = await milestones();
  assert.ok(passed.length > 0, 'milestones within 120 days');
  assert.equal(new Set(passed).size, passed.length, 'each once');
  await page.getByLabel('As of').fill(isoDay(121));
  const later = await milestones();
  for (const m of passed) assert.equal(later.filter((x) => x === m).length, 1, `${m} once`);
  // Rule 48: Autodesk's notices still go to the contract manager; a plain user has no Notifications.
  await page.getByLabel('As of').fill(isoDay(0));
  assert.ok((await milestones()).length < passed.length, '"As of" back: the later ones withdrawn');
  await page.goto(`${server.url}/notifications`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — User' });
  await page.getByText('Alerts are for admins', { exact: false }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Notifications' }).count(), 0);
  await page.getByLabel('Viewing as').selectOption({ label: 'Dana Reyes — Contract Manager' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/notifications`);
  await page.getByLabel('Renewal milestones', { exact: true }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
  assert.deepEqual(page.errors, []);
});

test("rule 57: a team's primary admin creates a Fusion Team hub for the team by keyboard; rule 26: removing a member lists it; W3': an assignment emails that the product can be downloaded", async () => {
  const page = await openConsole(chromium, `${server.url}/hubs`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Sam Okafor — Primary Admin' });
  await page.getByRole('heading', { name: 'Team hubs' }).waitFor();
  const create = page.getByRole('region', { name: 'Create a hub' });
  await create.getByText('As a team\'s admin you create Fusion Team hubs for your team').waitFor();
  await accessible(page, "the team admin's hub form");
  assert.equal(await create.getByLabel('Hub type').count(), 0, 'a team admin creates Fusion Team hubs only');
  assert.equal(await page.getByRole('region', { name: 'Assign a contract to a hub' }).count(), 0, "assigning contracts is the contract manager's");
  await create.getByLabel('Hub name').fill('Engineering Fusion');
  await create.getByLabel('Hub address').fill('https://eng-fusion.autodesk360.com');
  await create.getByRole('button', { name: 'Create hub' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Choose the team the hub is for.').waitFor();
  await create.getByLabel('For team').selectOption({ label: 'Contoso Engineering' });
  await create.getByRole('button', { name: 'Create hub' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('The hub Engineering Fusion was created.', { exact: false }).waitFor();
  await page.reload();
  assert.match(await page.getByRole('row', { name: /Engineering Fusion/ }).innerText(), /Fusion Team\s+Trial\s+—\s+Contoso Engineering/);
  // Rule 26: the removal confirmation lists the cloud collaboration site the person loses.
  await page.goto(`${server.url}/users/by-user?q=felix`);
  await page.getByRole('button', { name: 'Remove Felix Wagner' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove Felix Wagner' });
  await remove.getByText('Cloud collaboration site: Engineering Fusion (Fusion Team hub) and its projects').waitFor();
  await page.keyboard.press('Escape');
  // W3': AutoCAD assigned to Felix, who is emailed that it can be downloaded.
  await page.getByRole('button', { name: 'Products of Felix Wagner' }).click();
  const felix = page.getByRole('dialog', { name: 'Products of Felix Wagner' });
  await felix.getByRole('button', { name: 'Assign AutoCAD' }).click();
  await page.getByRole('status').getByText('AutoCAD was assigned to Felix Wagner.').waitFor();
  await felix.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Viewing as').selectOption({ label: 'Felix Wagner — User' });
  await page.goto(`${server.url}/outbox`);
  await page.getByText('AutoCAD is ready to download').waitFor();
  assert.deepEqual(page.errors, []);
});

test('requests: a member asks by keyboard with a reason, one is approved, one refused for want of a seat stays open and is declined with a reason; both are told', async () => {
  const page = await openConsole(chromium, `${server.url}/products`);
  const ask = async (name) => {
    await page.getByLabel('Viewing as').selectOption({ label: `${name} — User` });
    await page.goto(`${server.url}/products`);
    const form = page.getByRole('region', { name: 'Ask for a product' });
    await form.getByLabel('Product').selectOption({ label: 'Revit — Contoso Engineering' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').getByText('Give a reason for the request: the other person reads it.').waitFor();
    await form.getByLabel('Reason').focus();
    await page.keyboard.type('The bridge model');
    await form.getByRole('button', { name: 'Send request' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Request sent: Revit — Contoso Engineering.', { exact: false }).waitFor();
    await form.getByText(/^Revit in the team Contoso Engineering, asked on .*: waiting for an answer$/).waitFor();
  };
  await ask('Felix Wagner');
  await ask('Julia Santos');
  await page.getByLabel('Viewing as').selectOption({ label: 'Sam Okafor — Primary Admin' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Requests\s*2 open$/ }).click();
  await page.getByText('2 open, 0 answered').waitFor();
  assert.match(await page.getByRole('row', { name: /Felix Wagner/ }).innerText(), /1 of 5 seats available/);
  // Revit has one seat: Felix gets it; Julia's approval is refused with the pool's reason and stays open.
  await page.getByRole('button', { name: "Approve Felix Wagner's request for Revit" }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Approved: Felix Wagner now has Revit.').waitFor();
  // Focus stays in the queue, on its count (the button pressed is gone).
  await page.waitForFunction(() => document.activeElement?.id === 'requests-count', null, { timeout: 2000 });
  await page.getByRole('button', { name: "Approve Julia Santos's request for Revit" }).click();
  await page.getByRole('status').getByText('Every seat of Revit in Contoso Engineering is in use; unassign someone or buy more seats.').waitFor();
  await page.getByText('1 open, 1 answered').waitFor();
  await page.getByRole('button', { name: "Decline Julia Santos's request for Revit" }).click();
  const decline = page.getByRole('dialog', { name: "Decline Julia Santos's request" });
  await decline.getByRole('button', { name: 'Decline' }).click();
  await decline.getByText('Give a reason for declining: the other person reads it.').waitFor();
  await accessible(page, 'the Decline dialog with its refusal');
  await decline.getByLabel('Reason').fill('No Revit seat until March');
  await decline.getByRole('button', { name: 'Decline' }).click();
  await page.getByRole('status').getByText("Declined Julia Santos's request for Revit; they were told why.").waitFor();
  await page.reload();
  await page.getByText('0 open, 2 answered').waitFor();
  assert.match(await page.getByRole('row', { name: /Julia Santos/ }).innerText(), /declined by Sam Okafor .*"No Revit seat until March"/);
  // Each is told: Julia reads the reason; Felix has Revit and its download email.
  await page.getByLabel('Viewing as').selectOption({ label: 'Julia Santos — User' });
  await page.goto(`${server.url}/outbox`);
  await page.getByText('Your request for Revit was declined').waitFor();
  await page.goto(`${server.url}/products`);
  await page.getByText(/^Revit in the team Contoso Engineering, asked on .*: declined by Sam Okafor on .*: "No Revit seat until March"$/).waitFor();
  await page.getByLabel('Viewing as').selectOption({ label: 'Felix Wagner — User' });
  await page.goto(`${server.url}/outbox`);
  await page.getByText('Your request for Revit was approved').waitFor();
  await page.getByText('Revit is ready to download').waitFor();
  // A plain user has no Requests page.
  await page.goto(`${server.url}/users/requests`);
  await page.getByText("You don't have access to requests.", { exact: false }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('requests approved automatically while seats remain: turned on by keyboard, one request approved at once, the next waits', async () => {
  const page = await openConsole(chromium, `${server.url}/users/requests`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Sam Okafor — Primary Admin' });
  const policy = page.getByRole('region', { name: 'Approve automatically' });
  await policy.getByRole('button', { name: 'Turn on automatic approval of Revit in the team Contoso Engineering' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Automatic approval of Revit in the team Contoso Engineering is on.').waitFor();
  await page.reload();
  assert.match(await policy.getByRole('row', { name: /Revit in the team Contoso Engineering/ }).innerText(), /On \(turned on by Sam Okafor\)/);
  for (const [name, said] of [['Felix Wagner', 'Approved at once: Revit — Contoso Engineering is yours'], ['Julia Santos', 'Request sent: Revit — Contoso Engineering.']]) {
    await page.getByLabel('Viewing as').selectOption({ label: `${name} — User` });
    await page.goto(`${server.url}/products`);
    const form = page.getByRole('region', { name: 'Ask for a product' });
    await form.getByLabel('Product').selectOption({ label: 'Revit — Contoso Engineering' });
    await form.getByLabel('Reason').fill('The bridge model');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').getByText(said, { exact: false }).waitFor();
  }
  await page.getByLabel('Viewing as').selectOption({ label: 'Sam Okafor — Primary Admin' });
  await page.goto(`${server.url}/users/requests`);
  await page.getByText('1 open, 1 answered').waitFor();
  assert.match(await page.getByRole('row', { name: /Felix Wagner/ }).innerText(), /approved by Sam Okafor .*"Approved automatically while seats remain"/);
  assert.deepEqual(page.errors, []);
});
