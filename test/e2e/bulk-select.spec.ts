/**
 * Acting on a selection of people (issue 8, item 2) end to end, in Chromium through the web
 * door, as a supervisor: selecting with click, Shift, Ctrl, Space and "todos" in the results and
 * in a company's list; each action with a reason; the per-person result, copied and exported;
 * and undoing a disable. Every state passes the accessibility check.
 */
import fs from 'node:fs';
import { expectAccessible } from './a11y';
import { expect, test, type DeskPage } from './fixtures';

const PEDRO = 'Pedro Andrés González Muñoz';
const CAMILA = 'Camila Fernanda Soto Ibáñez';
const ANA = 'Ana Sofía Pérez Núñez';
const FRANCISCA = 'Francisca Javiera Silva Araya';
const REASON = 'Solicitud de Constructora Los Andes por correo, ticket 4411';

test.use({ user: 'supervisora' });
// Several accessibility checks per walk, on a shared 2-core machine.
test.setTimeout(90_000);

const bar = (desk: DeskPage) =>
  desk.page.getByRole('toolbar', { name: 'Acciones sobre la selección' });
const dialog = (desk: DeskPage) => desk.page.getByRole('dialog');
/** Person rows only: companies come first in the results. */
const people = (desk: DeskPage) => desk.options.filter({ hasNotText: 'Enter abre la empresa' });
const selectedOptions = (desk: DeskPage) =>
  desk.options.and(desk.page.locator('[aria-selected="true"]'));

async function openAndes(desk: DeskPage) {
  await desk.find('constructora los andes');
  await desk.option('Constructora Los Andes SpA').click();
  const company = desk.page.getByRole('region', { name: 'Empresa' });
  await expect(company.getByRole('heading', { level: 1 })).toHaveText('Constructora Los Andes SpA');
  const list = company.getByRole('listbox', { name: 'Todas sus personas' });
  await expect(list.getByRole('option').first()).toBeVisible();
  return { company, list };
}

/** Runs the action in the open dialog with the reason, and waits for the result. */
async function confirmWithReason(desk: DeskPage, confirm: RegExp) {
  const d = dialog(desk);
  const button = d.getByRole('button', { name: confirm });
  await expect(button).toBeDisabled();
  await d.getByLabel('Motivo: quién lo pidió y cómo (obligatorio)').fill(REASON);
  await button.click();
  await expect(d.getByRole('heading', { name: /acción terminada$/ })).toBeVisible();
}

test('selects in the results with click, Shift, Ctrl, Space and «todas»; membership actions need a company', async ({
  desk,
}) => {
  const { page } = desk;
  // Names that only sound like the text are no list to act on: no selection there.
  await desk.find('gonsales');
  await expect(desk.options.first()).toBeVisible();
  await expect(desk.results).not.toHaveAttribute('aria-multiselectable', 'true');
  await desk.find('gonzalez');
  await expect(page.locator('footer.statusbar').getByText(/^50 de [\d.]+ personas/)).toBeVisible();
  await expect(desk.results).toHaveAttribute('aria-multiselectable', 'true');

  // A click selects one and opens it, as always.
  await people(desk).nth(0).click();
  await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(selectedOptions(desk)).toHaveCount(1);
  await expect(bar(desk)).toHaveCount(0);

  // Shift+click extends from it; Ctrl+click takes one out.
  await people(desk)
    .nth(3)
    .click({ modifiers: ['Shift'] });
  await expect(bar(desk)).toContainText('4 seleccionadas');
  await people(desk)
    .nth(1)
    .click({ modifiers: ['Control'] });
  await expect(bar(desk)).toContainText('3 seleccionadas');
  await expect(people(desk).nth(1)).toHaveAttribute('aria-selected', 'false');
  await expectAccessible(page, 'resultados con varias seleccionadas');

  // The keyboard, in the list: Shift+↓ extends, Space toggles, Esc clears.
  await desk.results.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(bar(desk)).toContainText('seleccionadas');
  await page.keyboard.press('ArrowDown');
  await expect(selectedOptions(desk)).toHaveCount(1);
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Space');
  await expect(bar(desk)).toContainText('2 seleccionadas');
  await page.keyboard.press('Escape');
  await expect(selectedOptions(desk)).toHaveCount(0);
  // Esc cleared the selection, not the open record.
  await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();

  // The boxes a mouse clicks: a click ticks one, Shift+click extends to another, as on the rows.
  const box = (n: number) => people(desk).nth(n).locator('.row-check');
  await box(1).click();
  await expect(selectedOptions(desk)).toHaveCount(1);
  await box(4).click({ modifiers: ['Shift'] });
  await expect(bar(desk)).toContainText('4 seleccionadas');
  await expect(people(desk).nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');

  // From the search box too: Shift+↓.
  await desk.search.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(bar(desk)).toContainText('3 seleccionadas');

  // Everything loaded, then every one the search finds.
  await page.getByLabel('Seleccionar a las 50 personas mostradas').check();
  await expect(bar(desk)).toContainText('50 seleccionadas');
  const all = page.getByRole('button', { name: /^Seleccionar a las [\d.]+ personas$/ });
  const total = Number((await all.textContent())!.replace(/\D/g, ''));
  await all.click();
  await expect(
    page.getByText(`Están seleccionadas todas las ${total.toLocaleString('es-CL')}.`),
  ).toBeVisible();
  await expect(bar(desk)).toContainText(`${total.toLocaleString('es-CL')} seleccionadas`);

  // Outside a company, disabling is not offered, and the bar says why.
  await expect(bar(desk).getByRole('button', { name: 'Inhabilitar', exact: true })).toBeDisabled();
  await expect(bar(desk).getByRole('button', { name: 'Habilitar', exact: true })).toBeDisabled();
  await expect(bar(desk)).toContainText('son por empresa');
  await expectAccessible(page, 'todas las de la búsqueda seleccionadas');

  // Unlocking all of them: the few locked ones are done, the rest listed with the reason.
  await bar(desk).getByRole('button', { name: 'Desbloquear' }).click();
  await expect(dialog(desk)).toContainText(/Se aplicará a \d+ de/);
  await expect(dialog(desk)).toContainText(
    'Su cuenta no está bloqueada: no hay nada que desbloquear.',
  );
  await expectAccessible(page, 'vista previa de desbloquear');
  await confirmWithReason(desk, /^Desbloquear a \d+ persona/);
  await expect(dialog(desk)).toContainText(PEDRO);
  await expect(dialog(desk).getByRole('list', { name: 'Aplicada', exact: true })).toContainText(
    'Desbloqueada: ACHS Gestión.',
  );
  await expectAccessible(page, 'resultado de desbloquear');
  await dialog(desk).getByRole('button', { name: 'Cerrar' }).click();
  await expect(dialog(desk)).toHaveCount(0);
  await expect(bar(desk)).toHaveCount(0);
});

test('in a company’s list: disable with a reason, see each person’s result, export it, undo it', async ({
  desk,
}) => {
  const { page } = desk;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { list } = await openAndes(desk);
  await expect(list).toHaveAttribute('aria-multiselectable', 'true');
  const row = (name: string) => list.getByRole('option', { name: new RegExp(name) });

  await row(PEDRO).click();
  await row(CAMILA).click({ modifiers: ['Control'] });
  await row(ANA).click({ modifiers: ['Control'] });
  await expect(row(CAMILA)).toHaveAttribute('aria-selected', 'true');
  const companyBar = bar(desk);
  await expect(companyBar).toContainText('3 seleccionadas');
  await expectAccessible(page, 'lista de la empresa con selección');

  await companyBar.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
  await expect(dialog(desk)).toContainText('En la empresa Constructora Los Andes SpA.');
  await expect(dialog(desk)).toContainText('Se aplicará a las 3.');
  await confirmWithReason(desk, /^Inhabilitar a 3 personas$/);
  await expect(dialog(desk)).toContainText('Aplicada a 3 · no aplicada a 0');
  await expectAccessible(page, 'resultado de inhabilitar');

  // The report, as a file.
  const download = page.waitForEvent('download');
  await dialog(desk).getByRole('button', { name: 'Exportar CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv).toContain('RUT;Nombre;Resultado;Detalle');
  expect(csv).toContain(
    '12.345.678-5;Pedro Andrés González Muñoz;Aplicada;Inhabilitada en la empresa.',
  );
  // And copied.
  await dialog(desk).getByRole('button', { name: 'Copiar lista' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lista copiada.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    `12.345.678-5\t${PEDRO}\tAplicada`,
  );

  // Undo: enabled back.
  await dialog(desk).getByRole('button', { name: 'Deshacer' }).click();
  await expect(dialog(desk).getByRole('heading', { name: 'Deshacer la acción' })).toBeVisible();
  await expect(dialog(desk).getByLabel('Motivo: quién lo pidió y cómo (obligatorio)')).toHaveValue(
    `Deshacer: ${REASON}`,
  );
  await expectAccessible(page, 'deshacer');
  await dialog(desk).getByRole('button', { name: 'Deshacer' }).click();
  await expect(dialog(desk).getByRole('heading', { name: /acción terminada$/ })).toBeVisible();
  await expect(dialog(desk)).toContainText('Aplicada a 3 · no aplicada a 0');
  await expect(dialog(desk)).toContainText('Habilitada en la empresa.');
  await dialog(desk).getByRole('button', { name: 'Cerrar' }).click();
  await expect(row(PEDRO)).toContainText('Activa');

  // Enable on people already active: nothing to do, each one said why.
  await row(PEDRO).click();
  await row(CAMILA).click({ modifiers: ['Shift'] });
  await companyBar.getByRole('button', { name: 'Habilitar', exact: true }).click();
  await expect(dialog(desk)).toContainText('No se aplica a ninguna de las personas seleccionadas.');
  await expect(dialog(desk)).toContainText('Ya estaba habilitada en esta empresa.');
  await expectAccessible(page, 'nada que habilitar');
  await dialog(desk).getByRole('button', { name: 'Cancelar' }).click();

  // Enable with a reason: Camila is disabled first; Pedro is already active and says so.
  await row(CAMILA).click();
  await row(ANA).click({ modifiers: ['Control'] });
  await companyBar.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
  await confirmWithReason(desk, /^Inhabilitar a 2 personas$/);
  await dialog(desk).getByRole('button', { name: 'Cerrar' }).click();
  await expect(row(CAMILA)).toContainText('Inhabilitada');
  // The bar that opened it went away with the selection: the focus goes back to the list.
  await expect(page.getByRole('listbox', { name: 'Todas sus personas' })).toBeFocused();
  await row(CAMILA).click();
  await row(PEDRO).click({ modifiers: ['Control'] });
  await companyBar.getByRole('button', { name: 'Habilitar', exact: true }).click();
  await expect(dialog(desk)).toContainText('Se aplicará a 1 de 2.');
  await confirmWithReason(desk, /^Habilitar a 1 persona$/);
  await expect(dialog(desk)).toContainText('Aplicada a 1 · no aplicada a 1');
  await expect(dialog(desk).getByRole('list', { name: 'No aplicada' })).toContainText(
    'Ya estaba habilitada en esta empresa.',
  );
  await dialog(desk).getByRole('button', { name: 'Cerrar' }).click();
  await expect(row(CAMILA)).toContainText('Activa');
});

test('resend the password mail in a company: the right kind for each, and who gets none', async ({
  desk,
}) => {
  const { page } = desk;
  const { list } = await openAndes(desk);
  const row = (name: string) => list.getByRole('option', { name: new RegExp(name) });
  await row(FRANCISCA).click();
  await row(ANA).click({ modifiers: ['Control'] });
  // Space toggles the active row from the keyboard, Ctrl+A takes them all, Esc clears.
  await list.focus();
  await page.keyboard.press('Control+a');
  await expect(bar(desk)).toContainText(/seleccionadas/);
  await page.keyboard.press('Escape');
  await expect(list.locator('[aria-selected="true"]')).toHaveCount(0);
  await row(FRANCISCA).click();
  await row(ANA).click({ modifiers: ['Control'] });
  await expect(bar(desk)).toContainText('2 seleccionadas');

  await bar(desk).getByRole('button', { name: 'Enviar correo de contraseña' }).click();
  await expect(dialog(desk)).toContainText('Se aplicará a 1 de 2.');
  await expect(dialog(desk)).toContainText('No tiene correo registrado: no hay a dónde enviarlo.');
  // A short reason is not enough: nobody is on the line to verify.
  await dialog(desk).getByLabel('Motivo: quién lo pidió y cómo (obligatorio)').fill('ok');
  await expect(dialog(desk).getByRole('button', { name: /^Enviar/ })).toBeDisabled();
  await expect(dialog(desk)).toContainText('al menos 10 caracteres');
  await confirmWithReason(desk, /^Enviar correo de contraseña a 1 persona$/);
  await expect(dialog(desk).getByRole('list', { name: 'Aplicada', exact: true })).toContainText(
    'Creación de contraseña, ACHS Gestión: en cola de envío.',
  );
  await expect(dialog(desk).getByRole('list', { name: 'No aplicada' })).toContainText(ANA);
  await expectAccessible(page, 'resultado de reenviar correo');
  await page.keyboard.press('Escape');
  await expect(dialog(desk)).toHaveCount(0);

  // Enter opens the active person's record from the list.
  await list.focus();
  await page.keyboard.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
});
