// Issue 18 end to end: the migration assistant (a pilot of two classic users into the demo team, a seat shortage
// shown before anything happens, undo, a saved plan that survives a reload) and "Where is this seat?" from the
// header, as the contract manager and as coordinators.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const flash = (page) => page.getByRole('status');
const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });
const viewAs = (page, label) => page.getByLabel('Viewing as').selectOption({ label });

async function assistant() {
  const page = await openConsole(chromium, `${server.url}/users/migration`);
  await page.getByRole('heading', { name: 'Migration assistant' }).waitFor();
  await page.getByText('24 classic only · 14 in both · 3 team only · 0 conflicting').waitFor();
  return page;
}

test('a pilot of two: the plan first, then invitations, roles and products as planned; Undo takes it back', async () => {
  const page = await assistant();
  assert.match(await row(page, 'Luis Ortega').innerText(), /AutoCAD · 110012345678 · 399-11111111\s+User; AutoCAD from Subscription ID SUB-70011/);
  await page.getByLabel('Select Luis Ortega').check();
  await page.getByLabel('Select Kenji Tanaka').check();
  const plan = page.getByRole('region', { name: 'Plan' });
  await plan.getByRole('heading', { name: 'Plan for 2 people' }).waitFor();
  await plan.getByRole('row', { name: /AutoCAD 2 4/ }).waitFor();
  assert.equal(await plan.getByRole('list', { name: 'Refused steps' }).count(), 0);
  await plan.getByRole('button', { name: 'Run for the selected 2 people' }).click();
  await flash(page).getByText('2 people moved to Contoso Engineering; invitations are in the Outbox.').waitFor();
  await page.getByText('22 classic only · 16 in both').waitFor();
  await page.getByRole('link', { name: 'By User' }).click();
  // Both had accepted their classic invitation, so they already have an Autodesk account: Verified (rule 20).
  assert.match(await row(page, 'Luis Ortega').innerText(), /User\s+Verified\s+AutoCAD \(Subscription ID SUB-70011\)/);
  assert.match(await row(page, 'Kenji Tanaka').innerText(), /User\s+Verified\s+AutoCAD \(Pool\)/);
  // Each invited person finds their invitation in their own Outbox (issue 26).
  await page.getByRole('link', { name: /Outbox/ }).click();
  await page.getByLabel('Viewing as').selectOption({ label: 'Kenji Tanaka — User' });
  await page.getByText("You've been invited to the team Contoso Engineering").first().waitFor();
  await page.getByLabel('Viewing as').selectOption({ label: 'Dana Reyes — Contract Manager' });
  // The whole run is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: 'By User' }).click();
  await page.getByText('17 users').waitFor();
  assert.equal(await row(page, 'Kenji Tanaka').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a seat shortage and the step it refuses show in the plan before anything is applied (rule 39)', async () => {
  const page = await assistant();
  await page.getByLabel('Select Mateo Garcia').check();
  await page.getByLabel('Select Ingrid Larsen').check();
  const plan = page.getByRole('region', { name: 'Plan' });
  await plan.getByRole('row', { name: /Revit 2 1 — not enough seats/ }).waitFor();
  // Seats go down the table, by name, whatever the order ticked (27.5): Ingrid gets the last one, not Mateo.
  const queue = plan.getByRole('list', { name: 'In the order seats are given' });
  await queue.getByText('1. Ingrid Larsen — Revit from Subscription ID SUB-70021: gets a seat').waitFor();
  await queue.getByText('2. Mateo Garcia — Revit from Subscription ID SUB-70021: no seat left').waitFor();
  await plan.getByRole('list', { name: 'Refused steps' })
    .getByText('Mateo Garcia: Revit: Every seat of Revit in Contoso Engineering is in use; unassign someone or buy more seats.').waitFor();
  await page.getByText('24 classic only · 14 in both').waitFor(); // nothing happened yet
  // A coordinator can be proposed as a secondary admin instead of a user.
  await page.getByLabel('Software coordinators become').selectOption('Secondary Admin');
  assert.match(await row(page, 'Marcus Lee').innerText(), /Secondary Admin; AutoCAD from Pool/);
});

test('issue 27.5: the admin moves Mateo up before running, by keyboard, and he gets the last Revit seat', async () => {
  const page = await assistant();
  await page.getByLabel('Select Mateo Garcia').check();
  await page.getByLabel('Select Ingrid Larsen').check();
  const plan = page.getByRole('region', { name: 'Plan' });
  const queue = plan.getByRole('list', { name: 'In the order seats are given' });
  await queue.getByRole('button', { name: 'Move up: Mateo Garcia' }).focus();
  await page.keyboard.press('Enter');
  await queue.getByText('1. Mateo Garcia — Revit from Subscription ID SUB-70021: gets a seat').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move down: Mateo Garcia');
  // The refused step follows the order: it is the run's own.
  await plan.getByRole('list', { name: 'Refused steps' }).getByText(/^Ingrid Larsen: Revit: Every seat of Revit/).waitFor();
  await plan.getByRole('button', { name: 'Run for the selected 2 people' }).click();
  await flash(page).getByText(/^2 people moved to Contoso Engineering/).waitFor();
  await page.reload();
  await page.goto(`${server.url}/users/by-user?q=garcia`);
  assert.match(await row(page, 'Mateo Garcia').innerText(), /Revit/);
  await page.goto(`${server.url}/users/by-user?q=larsen`);
  assert.doesNotMatch(await row(page, 'Ingrid Larsen').innerText(), /Revit/);
  assert.deepEqual(page.errors, []);
});

test('the saved plan is kept with the account: it survives a reload and runs later', async () => {
  const page = await assistant();
  await page.getByLabel('Select Grace Kim').check();
  await page.getByRole('button', { name: 'Add to the saved plan' }).click();
  await flash(page).getByText('The saved plan now has 1 person.').waitFor();
  await page.reload();
  const saved = page.getByRole('region', { name: 'Saved plan' });
  await saved.getByText('Grace Kim: User; AutoCAD from Pool').waitFor();
  await saved.getByRole('row', { name: /AutoCAD 1 4/ }).waitFor(); // checked again against today's seats
  await saved.getByRole('button', { name: 'Run the saved plan' }).click();
  await flash(page).getByText('1 person moved to Contoso Engineering; invitations are in the Outbox.').waitFor();
  await page.getByRole('region', { name: 'Last run' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'last-run');
  assert.equal(await page.getByRole('region', { name: 'Saved plan' }).count(), 0);
  await page.getByText('23 classic only · 15 in both').waitFor();
});

test('Where is this seat? finds a serial number and a subscription ID, only where the person may look', async () => {
  const page = await openConsole(chromium, `${server.url}/`);
  const find = async (text) => {
    await page.getByRole('searchbox', { name: 'Where is this seat?' }).fill(text);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: 'Where is this seat?' }).waitFor();
  };
  await find('399-22222222');
  const serial = page.getByRole('article', { name: 'Serial number 399-22222222 on contract 110012345678' });
  await serial.getByText('Contract manager: Dana Reyes · software coordinator: Priya Natarajan').first().waitFor();
  await serial.getByRole('link', { name: 'Contract 110012345678' }).click();
  await page.getByRole('heading', { name: /110012345678/ }).first().waitFor();
  await find('SUB-70012');
  await page.getByRole('article', { name: 'Subscription SUB-70012 in Contoso Engineering' }).getByText('AutoCAD: 2 seats, 1 tied to this ID').waitFor();
  // The coordinator of 399-22222222 finds it, linked to the users of its contract (the contract page is the CM's).
  await viewAs(page, 'Priya Natarajan — Software Coordinator');
  await find('399-22222222');
  await page.getByRole('article', { name: /Serial number 399-22222222/ }).getByRole('link', { name: 'Users of contract 110012345678' }).waitFor();
  // Another coordinator doesn't.
  await viewAs(page, 'Marcus Lee — Software Coordinator');
  await find('399-22222222');
  await page.getByText('Nothing you can see matches "399-22222222".').waitFor();
  await find('562-44444444');
  await page.getByRole('article', { name: /Serial number 562-44444444/ }).waitFor();
  assert.deepEqual(page.errors, []);
});
