// Issue 30's limited admins end to end: a secondary admin limited by keyboard to AutoCAD (a product admin) sees
// and assigns AutoCAD alone and is refused what needs an admin without a limit; limited to Reporting, they open
// no team screen and read Reporting; the limit survives a reload and is lifted again. The dialog passes axe-core
// and fits 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole, axeViolations as violations } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const row = (page, name) => page.getByRole('row', { name: new RegExp(name) });
const flash = (page) => page.getByRole('status');
const viewAs = (page, label) => page.getByLabel('Viewing as').selectOption({ label });

async function limit(page, name, choice, products = []) {
  await page.getByRole('button', { name: `Limit admin role of ${name}` }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Limit admin role: ${name}` });
  await dialog.getByRole('radio', { name: choice }).focus();
  await page.keyboard.press('Space');
  for (const p of products) {
    await dialog.getByRole('checkbox', { name: p }).focus();
    await page.keyboard.press('Space');
  }
  return dialog;
}

/** Dana, without a limit, changes Priya's limit, then views the console as Priya. */
async function limitByDana(page, choice, now) {
  await viewAs(page, 'Dana Reyes — Contract Manager');
  await page.goto(`${server.url}/users/by-user`);
  const dialog = await limit(page, 'Priya Natarajan', choice);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await flash(page).getByText(`Priya Natarajan's admin role is now ${now}.`).waitFor();
  await viewAs(page, 'Priya Natarajan — Software Coordinator');
}

test('a product admin sees and assigns their products alone; Reporting only opens no team screen; lifted again', async () => {
  const page = await openConsole(chromium, `${server.url}/users/by-user`);
  await page.getByRole('heading', { name: 'By User' }).waitFor();
  // Dana (a secondary admin without a limit) limits Priya; none ticked is refused in words, nothing changes.
  let dialog = await limit(page, 'Priya Natarajan', 'Only these products');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('alert').getByText('Tick at least one product, or choose Reporting only or the whole team.').waitFor();
  assert.deepEqual(await violations(page), [], 'the dialog, light');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await violations(page), [], 'the dialog, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll at 390 px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await dialog.getByRole('checkbox', { name: 'AutoCAD' }).focus();
  await page.keyboard.press('Space');
  await dialog.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await flash(page).getByText("Priya Natarajan's admin role is now limited to AutoCAD only.").waitFor();
  await page.reload();
  assert.match(await row(page, 'Priya Natarajan').innerText(), /Secondary Admin · AutoCAD only/);
  // Her own view: AutoCAD alone, no Invite, Change role or Remove; Nina's Revit is not shown to her.
  await viewAs(page, 'Priya Natarajan — Software Coordinator');
  await page.getByText('Your admin role here is limited to some products').waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Migration assistant' }).count(), 0, "the assistant is a whole team admin's");
  assert.equal(await nav.getByRole('link', { name: 'Pending invitations' }).count(), 1, 'her classic invitations, as a coordinator');
  assert.equal(await page.getByRole('button', { name: 'Invite users' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Remove Tom Becker' }).count(), 0);
  const nina = await row(page, 'Nina Kowalski').innerText();
  assert.match(nina, /AutoCAD/);
  assert.doesNotMatch(nina, /Revit/);
  // She assigns AutoCAD to Felix; his dialog offers no other product.
  await page.getByRole('button', { name: 'Products of Felix Wagner' }).click();
  dialog = page.getByRole('dialog', { name: 'Products of Felix Wagner' });
  await dialog.getByRole('button', { name: 'Assign AutoCAD' }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Assign Revit' }).count(), 0);
  await dialog.getByRole('button', { name: 'Assign AutoCAD' }).click();
  await flash(page).getByText('AutoCAD was assigned to Felix Wagner.').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.match(await row(page, 'Felix Wagner').innerText(), /AutoCAD/);
  await page.goto(`${server.url}/users/by-product`);
  await page.getByRole('heading', { name: 'By Product' }).waitFor();
  assert.equal(await page.getByText('Revit', { exact: true }).count(), 0, 'only her products');
  // Refused outside her limit: the migration assistant is an admin's without a limit.
  await page.goto(`${server.url}/users/migration`);
  await page.getByText('The migration assistant is for an admin of the team without a limit').waitFor();
  // Limited to Reporting: no team screen, Reporting reads the team.
  await limitByDana(page, 'Reporting only', 'limited to Reporting only');
  await page.getByText('Your admin role in Contoso Engineering is limited to Reporting only.').waitFor();
  await page.goto(`${server.url}/reporting/seats`);
  await page.getByText('Contoso Engineering pool').first().waitFor();
  await page.goto(`${server.url}/reporting/idle`);
  await page.getByText(/you read only \(your admin role is limited to Reporting\)/).waitFor();
  // Lifted again: the whole team is hers, after a reload too.
  await limitByDana(page, 'The whole team', 'no longer limited');
  await page.reload();
  await page.getByRole('button', { name: 'Invite users' }).waitFor();
  await page.close();
});
