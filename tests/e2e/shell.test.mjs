// The foundation issue's end-to-end path, against the optimised release build in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('the shell shows the account, Viewing as the contract manager, and the navigation', async () => {
  const page = await openConsole(chromium, server.url);
  await page.getByText('Contoso Engineering').first().waitFor();
  const viewing = page.getByLabel('Viewing as');
  assert.match(await viewing.locator('option:checked').innerText(), /^Dana Reyes — Contract Manager$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const link of ['Home', 'Products & Services', 'By User', 'By Product', 'By Group',
    'Classic User Management', 'Contracts & Subscriptions', 'Reporting', 'Outbox']) {
    await nav.getByRole('link', { name: new RegExp(`^${link}( \\d+ unread)?$`) }).waitFor();
  }
  assert.deepEqual(page.errors, []);
});

test('W1 list: Classic User Management shows the seed users, and still does after a reload', async () => {
  const page = await openConsole(chromium, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Classic User Management' }).click();
  await page.getByRole('heading', { name: 'Classic User Management' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/users/classic');
  const row = page.getByRole('row', { name: /Priya Natarajan/ });
  await row.waitFor();
  assert.match(await row.innerText(), /Software Coordinator/);
  const count = await page.getByRole('row').count();
  assert.ok(count > 30, `only ${count} rows`);
  await page.reload();
  await page.getByRole('row', { name: /Priya Natarajan/ }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a deep link opens its page directly, and an unknown address says so', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  await page.getByRole('heading', { name: 'Classic User Management' }).waitFor();
  await page.goto(`${server.url}/no/such/page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
});

test('Reporting offers its five reports, none of them a placeholder', async () => {
  const page = await openConsole(chromium, `${server.url}/reporting`);
  await page.getByRole('heading', { name: 'Reporting' }).waitFor();
  const main = page.getByRole('main');
  for (const name of ['Activity log', 'Seat use', 'Renewals', 'Usage', 'Idle seats']) {
    await main.getByRole('link', { name: new RegExp(`^${name}`) }).first().waitFor();
  }
  assert.equal(await page.getByText(/not built yet/).count(), 0);
});

test('Viewing as a named user: user management refuses, and the choice survives a reload', async () => {
  const page = await openConsole(chromium, `${server.url}/users/classic`);
  await page.getByLabel('Viewing as').selectOption({ label: 'Tom Becker — User' });
  await page.getByText("You don't have access to user management").waitFor();
  await page.reload();
  await page.getByText("You don't have access to user management").waitFor();
  assert.match(await page.getByLabel('Viewing as').locator('option:checked').innerText(), /Tom Becker/);
});
