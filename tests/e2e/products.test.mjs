// Industry Collections and Products & Services as each person sees it (issue 7), end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openConsole } from './harness.mjs';

let server, chromium;
before(async () => { server = await serve(); chromium = await browser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const AEC = 'Architecture, Engineering & Construction Collection';
const open = (path) => openConsole(chromium, `${server.url}${path}`);
const viewAs = (page, label) => page.getByLabel('Viewing as').selectOption({ label });

test('assigning a collection takes one seat; the user then sees each product with its services', async () => {
  const page = await open('/users/classic?q=ethan');
  await page.getByRole('button', { name: 'Edit Access for Ethan Brooks' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — Ethan Brooks' });
  const region = dialog.getByRole('region', { name: 'Contract 110077778888' });
  await region.getByText(`One seat includes Revit, AutoCAD, Civil 3D, Navisworks Manage, 3ds Max.`).waitFor();
  await region.getByText('2 of 3 seats available').waitFor();
  await region.getByRole('checkbox', { name: `${AEC} 2026` }).check();
  await region.getByText('1 of 3 seats available').waitFor();
  await region.getByRole('checkbox', { name: `${AEC}: 3ds Max: Cloud Storage` }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Access updated for Ethan Brooks').waitFor();
  await page.reload();
  assert.match(await page.getByRole('row', { name: /Ethan Brooks/ }).innerText(), new RegExp(AEC));
  await page.goto(`${server.url}/products`);
  await viewAs(page, 'Ethan Brooks — User');
  const held = page.getByRole('article', { name: `${AEC} 2026` });
  await held.getByText('Contract 110077778888 · Download included').waitFor();
  const lines = await held.getByRole('listitem').allInnerTexts();
  assert.deepEqual(lines, [
    'Revit: Cloud Rendering, Cloud Storage',
    'AutoCAD: Autodesk Drive, Cloud Storage',
    'Civil 3D: Cloud Storage, InfraWorks cloud',
    'Navisworks Manage: BIM 360 Glue, Cloud Storage',
    '3ds Max: Cloud Rendering',
  ]);
});

test('a stand-alone seat of a product in a held collection is taken only on purpose', async () => {
  const page = await open('/users/classic?q=daniel');
  await page.getByRole('button', { name: 'Edit Access for Daniel Novak' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Access — Daniel Novak' });
  const plan = dialog.getByRole('region', { name: 'Contract 110012345678' });
  await plan.getByRole('checkbox', { name: 'Revit 2026' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('alert').getByText(`Daniel Novak would hold Revit twice: they already have it through ${AEC} on contract 110077778888.`).waitFor();
  await plan.getByRole('checkbox', { name: `Assign a separate seat anyway (already held through ${AEC} on contract 110077778888)` }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Access updated for Daniel Novak').waitFor();
  assert.match(await page.getByRole('row', { name: /Daniel Novak/ }).innerText(), /Revit/);
});

test('a user with nothing assigned is told whom to ask; a pending user must accept first', async () => {
  const page = await open('/products');
  await viewAs(page, 'Elena Petrova — SSO Admin');
  await page.getByText('Nothing is assigned to you yet — ask for a product below, or ask your admins (Dana Reyes, Marcus Lee, Priya Natarajan, Sam Okafor).').waitFor();
  await viewAs(page, 'Ben Carter — User');
  await page.getByText('Accept your invitation first').waitFor();
});

test('a multi-user seat shows a named user its cloud services, not the network product (rule 12)', async () => {
  const page = await open('/products');
  await viewAs(page, 'Kenji Tanaka — User');
  await page.getByRole('article', { name: 'Cloud services' }).getByText('Contract 110087654321 · Cloud Storage').waitFor();
  assert.equal(await page.getByRole('article', { name: 'AutoCAD 2026' }).count(), 0);
});

test('an admin also sees every line they manage, with seats and holders, and nobody can change anything here', async () => {
  const page = await open('/products');
  const managed = page.getByRole('region', { name: 'Products you manage' });
  assert.match(await managed.getByRole('row', { name: /Navisworks Manage 2026/ }).innerText(), /1 of 2 seats used\s+Sofia Rossi/);
  assert.match(await managed.getByRole('row', { name: /AutoCAD 2026\s+110087654321/ }).innerText(), /5 seats · 7 of 15 named users/);
  await viewAs(page, 'Priya Natarajan — Software Coordinator');
  const rows = page.getByRole('region', { name: 'Products you manage' }).getByRole('row');
  assert.equal(await rows.count(), 3, 'a header and her two lines');
  assert.equal(await page.getByRole('checkbox').count(), 0);
  await page.getByRole('region', { name: 'Products you manage' }).getByRole('link', { name: 'Edit Access' }).first().click();
  await page.getByRole('heading', { name: 'Classic User Management' }).waitFor();
  await page.getByText('3 users').waitFor();
});
