import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { openSqlite } from '../../src/storage/db/connection';
import { heldMessages } from '../../src/shared/messages';
import {
  askedBy,
  DeskPage,
  signInOnline,
  signOut,
  startCentral,
  startDeskDoor,
  startEntry,
  type Started,
  searchFor,
} from './fixtures';

const test = base.extend<{ centralDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- no fixtures needed
  centralDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-central-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

test('works offline, syncs when the central API returns, and settles a conflict on confirmation', async ({
  page,
  centralDir,
}) => {
  test.setTimeout(90_000);
  const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-desk-'));
  let central: Started = await startCentral(centralDir);
  const door = await startDeskDoor(deskDir, central.url);
  try {
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');

    await central.stop();
    await searchFor(page, '12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    const record = page.getByRole('region', { name: 'Ficha' });
    // His call, opened offline: what became of its actions is said before it is judged.
    const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
    await callbar.getByLabel('Motivo').selectOption({ label: 'Bloqueo por intentos' });
    await callbar.getByRole('button', { name: /^Abrir llamada de Pedro/ }).click();
    await record.getByRole('button', { name: 'Desbloquear' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('N° de serie de la cédula').check();
    await dialog.getByLabel('Empresa empleadora').check();
    await dialog.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(record.getByText(/1 acción pendiente de sincronizar/)).toBeVisible();
    await expect(indicator).toHaveText(/Sin conexión · 1 pendiente/, { timeout: 15_000 });
    // «Activo» is this desk's only until the portal has the unlock: the record and his row say so.
    const held = 'Activo en este equipo; aún no en el portal';
    await expect(record.getByRole('list', { name: 'Estado' })).toHaveText(held);
    await expect(
      page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first(),
    ).toContainText(held);
    // Offline, nothing says the portal has the change: the diagnosis, the dialog, the toast.
    const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await expect(diagnosis).toContainText('Lo que muestra esta ficha aún no llega al portal');
    // The portal keeps his lock until the unlock arrives: its advice stands meanwhile.
    await expect(diagnosis).toContainText(
      /Mientras tanto, su cuenta en ACHS Gestión sigue bloqueada: puede esperar hasta las \d\d:\d\d o restablecer su contraseña/,
    );
    // A mail asked offline goes only if its action arrives within two hours: said first.
    await record
      .getByRole('button', { name: /^(Reenviar|Enviar): / })
      .first()
      .click();
    await expect(dialog).toContainText(
      'El correo sale solo si la acción llega al sistema central dentro de 2 horas',
    );
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    await expect(dialog).toContainText(
      'Sin conexión: esta acción quedará guardada en este equipo y llegará al portal',
    );
    await expect(dialog).not.toContainText('El correo sale solo si');
    await dialog.getByRole('textbox', { name: 'Celular' }).fill('+56 9 5555 0101');
    await dialog.getByLabel('Motivo').fill('Lo pidió la persona');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(
      page.getByText(
        /^Datos de contacto actualizados en este equipo\. El cambio llegará al portal/,
      ),
    ).toBeVisible();
    await expect(indicator).toHaveText(/Sin conexión · 2 pendientes/, { timeout: 15_000 });
    // A company's change taken offline says the same, in the company dialog and in its toast.
    const desk = new DeskPage(page);
    await page.keyboard.press('Control+k');
    await desk.find('constructora los andes');
    await desk.option('Constructora Los Andes SpA').click();
    const diego = page
      .getByRole('region', { name: 'Empresa' })
      .getByRole('row')
      .filter({ hasText: 'Diego Sebastián Herrera Soto' })
      .first();
    await diego.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
    await expect(dialog).toContainText(
      'Sin conexión: esta acción quedará guardada en este equipo y llegará al portal',
    );
    await askedBy(
      dialog,
      'Paula Andrea Rojas Tapia · Administrador de accesos (Contacto comercial)',
    );
    await dialog.getByLabel('Motivo').fill('Lo pidió la administradora de accesos');
    await dialog.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Acceso de Diego Sebastián Herrera Soto inhabilitado en este equipo. El cambio llegará al portal cuando este equipo se sincronice; hasta entonces la persona no lo verá.',
    );
    await expect(indicator).toHaveText(/Sin conexión · 3 pendientes/, { timeout: 15_000 });

    // Meanwhile someone else changed the same mobile on the central system.
    const centralDb = openSqlite(path.join(centralDir, 'central.db'));
    centralDb
      .prepare(
        `UPDATE persons SET phone = '+56977778888', version = version + 1,
           phone_changed_at = '2026-12-04T17:05:00.000Z', phone_changed_by = 'Sara Supervisora',
           updated_at = '2026-12-04T17:05:00.000Z'
         WHERE rut = ?`,
      )
      .run(12_345_678);
    centralDb.close();
    central = await startEntry('src/central-api/start.ts', [
      '--port',
      String(central.port),
      '--data-dir',
      centralDir,
    ]);
    await indicator.click();
    const syncNowButton = page.getByRole('button', { name: 'Sincronizar ahora' });
    await syncNowButton.click();
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 15_000 });
    // Disabled while it ran, it keeps the focus (it fell to the page before).
    await expect(syncNowButton).toBeFocused();
    // A screen reader hears that something came to review (the badge changes silently).
    await expect(page.locator('.sync-indicator + [aria-live="polite"]')).toContainText(
      'Sincronización: hay 1 acción por revisar.',
    );
    const issue = page.getByRole('listitem').filter({ hasText: 'Conflicto' });
    await expect(issue).toContainText('+56 9 5555 0101');
    await expect(issue).toContainText('+56 9 7777 8888');
    // What the agent saw before changing it, beside the two values.
    await expect(issue.getByRole('columnheader', { name: 'Antes de su cambio' })).toBeVisible();
    // And who set the colleague's number there, and when (Chile's time), to weigh against
    // this one's.
    await expect(issue).toContainText(
      'En el sistema central, Sara Supervisora cambió el celular el 04-12-2026 14:05.',
    );
    const values = issue.getByRole('row').nth(1).getByRole('cell');
    await expect(values).toHaveCount(3);
    await expect(values.first()).toHaveText(/^\+56 9 \d{4} \d{4}$/);
    await expect(values.first()).not.toHaveText('+56 9 5555 0101');

    // Pedro's record says the change did not apply there, and leads back here. (His option is
    // awaited by name: the first one may still be the company the last search found.)
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    await page.keyboard.press('Control+k');
    await desk.find('12.345.678-5');
    await desk.option('Pedro Andrés González Muñoz').click();
    const unsettled = record.getByRole('note').filter({ hasText: 'no se aplicó' });
    await expect(unsettled).toContainText(
      '1 acción sobre esta persona no se aplicó en el sistema central: Cambió datos de contacto (en conflicto).',
    );
    // Closing his call as resolved: the change that did not apply is said, not hidden.
    await callbar.getByRole('button', { name: 'Cerrar llamada' }).click();
    await callbar.getByLabel('Resultado').selectOption({ label: 'Resuelto' });
    await expect(callbar.getByLabel('Resultado')).toHaveAccessibleDescription(
      '1 acción de esta llamada no se aplicó (conflicto o rechazo): revísela en Sincronización, «Por revisar», antes de darla por resuelta.',
    );
    await callbar.getByRole('button', { name: 'Seguir en la llamada' }).click();
    await unsettled.getByRole('button', { name: 'Ir a Sincronización' }).click();
    await expect(issue).toBeVisible();
    // It lands on what needs her, «Por revisar», not on the page's title above its facts.
    await expect(page.getByRole('heading', { name: 'Por revisar' })).toBeFocused();

    // A supervisor on this desk sees the agent's conflict as the agent's, not as her own.
    await signOut(page);
    await signInOnline(page, door.url, 'supervisora', 'super600');
    // Pedro's record names whose action did not apply, and leads her to settle it.
    await searchFor(page, '12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    const hers = record.getByRole('note').filter({ hasText: 'no se aplicó' });
    await expect(hers).toContainText('Cambió datos de contacto (en conflicto, de Alicia Agente)');
    await expect(hers.getByRole('button', { name: 'Ir a Sincronización' })).toBeVisible();
    await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
    const theirs = page.getByRole('listitem').filter({ hasText: 'Conflicto' });
    await expect(theirs).toContainText('acción de Alicia Agente');
    await expect(
      theirs.getByRole('columnheader', { name: 'Valor de Alicia Agente' }),
    ).toBeVisible();
    await expect(theirs.getByRole('columnheader', { name: 'Antes del cambio' })).toBeVisible();
    await theirs.getByRole('button', { name: 'Aplicar el de Alicia Agente' }).click();
    await expect(theirs.getByRole('group', { name: 'Aplicar el de Alicia Agente' })).toContainText(
      'Cuando la acción de Alicia Agente llegó, el sistema central ya tenía otro valor (lo registró Sara Supervisora).',
    );
    await theirs.getByRole('button', { name: 'No, volver' }).click();
    await signOut(page);
    await signInOnline(page, door.url, 'agente', 'agente600');
    await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
    // What to do next is said, with the record where the person's contact is checked.
    await expect(issue).toContainText(
      'Si puede, confirme con la persona cuál es su dato vigente (abra su ficha); luego elija «Mantener el del sistema central» o «Aplicar el mío».',
    );
    await expect(issue).toContainText(/hecha el \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    await expect(issue.getByRole('button', { name: 'Abrir su ficha' })).toBeVisible();
    // «Aplicar el mío» overwrites someone else's change: it asks once more, naming both values.
    await issue.getByRole('button', { name: 'Aplicar el mío' }).click();
    const confirm = issue.getByRole('group', { name: 'Aplicar el mío' });
    await expect(confirm).toContainText('¿Reemplazar celular +56 9 7777 8888 por +56 9 5555 0101?');
    // The focus on the safe answer: Enter twice does not overwrite a colleague's change.
    await expect(confirm.getByRole('button', { name: 'No, volver' })).toBeFocused();
    await expect(confirm).toContainText(
      'Cuando su acción llegó, el sistema central ya tenía otro valor',
    );
    await confirm.getByRole('button', { name: 'No, volver' }).click();
    await expect(confirm).toBeHidden();
    // The focus is back on the button that asked, not on the page's body.
    await expect(issue.getByRole('button', { name: 'Aplicar el mío' })).toBeFocused();
    // Esc answers «No, volver» too.
    await issue.getByRole('button', { name: 'Aplicar el mío' }).click();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(issue.getByRole('button', { name: 'Aplicar el mío' })).toBeFocused();
    await issue.getByRole('button', { name: 'Aplicar el mío' }).click();
    await page.keyboard.press('Shift+Tab');
    await expect(confirm.getByRole('button', { name: 'Sí, reemplazar por el mío' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText(
      'Se enviará de nuevo su valor al sistema central.',
    );
    await expect(
      page.getByText('No hay conflictos, rechazos ni correos por pedir de nuevo.'),
    ).toBeVisible();
    // Its row gone, the focus stays in the list, not on the page's body.
    await expect(page.getByRole('heading', { name: 'Por revisar' })).toBeFocused();
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 15_000 });
    await expect(async () => {
      const check = openSqlite(path.join(centralDir, 'central.db'), { readonly: true });
      const phone = check
        .prepare('SELECT phone FROM persons WHERE rut = ?')
        .pluck()
        .get(12_345_678);
      // The company's change arrived as it was taken: Diego disabled at Los Andes.
      const diegoState = check
        .prepare('SELECT state FROM memberships WHERE person_rut = ? AND company_rut = ?')
        .pluck()
        .get(19_876_543, 76_543_210);
      check.close();
      expect(phone).toBe('+56955550101');
      expect(diegoState).toBe('disabled');
    }).toPass({ timeout: 15_000 });
    // Ctrl+K: back to the search box, and the record again.
    await page.keyboard.press('Control+k');
    await searchFor(page, '12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    await expect(diagnosis).toBeVisible();
    await expect(diagnosis).not.toContainText('aún no llega al portal');
    // Settled: nothing on the record says any longer that it did not apply.
    await expect(record.getByRole('note').filter({ hasText: 'no se aplicó' })).toHaveCount(0);
  } finally {
    await door.stop();
    await central.stop();
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
});

/**
 * The agent signed in online on a desk door that syncs with a central API of its own, with
 * Pedro's (or `rut`'s) «Editar contacto» open; the door, the central API and the desk's folder go after.
 */
async function editingPedroOnline(
  page: Page,
  centralDir: string,
  body: (desk: { central: Started; indicator: Locator; dialog: Locator }) => Promise<void>,
  rut = '12.345.678-5',
): Promise<void> {
  const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-desk-'));
  const central: Started = await startCentral(centralDir);
  const door = await startDeskDoor(deskDir, central.url);
  try {
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');
    await searchFor(page, rut);
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    const record = page.getByRole('region', { name: 'Ficha' });
    await expect(record.getByText(rut, { exact: true }).first()).toBeVisible();
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await body({ central, indicator, dialog });
  } finally {
    await door.stop();
    await central.stop();
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
}

test('a change saved the moment the central API went away is not reported as reaching the portal', async ({
  page,
  centralDir,
}) => {
  test.setTimeout(60_000);
  await editingPedroOnline(page, centralDir, async ({ central, indicator, dialog }) => {
    // Opened online: the dialog has nothing to warn of.
    await expect(dialog).not.toContainText('quedará guardada en este equipo');
    // The central goes away while the agent types; the desk has not noticed yet.
    await central.stop();
    await expect(indicator).toHaveText(/^En línea/);
    await dialog.getByLabel('Celular', { exact: true }).fill('9 3131 3131');
    await dialog.getByLabel('Motivo').fill('Cambió de número');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Datos de contacto' })).toHaveText(
      /^Datos de contacto actualizados en este equipo\. El cambio llegará al portal/,
    );
    await expect(indicator).toHaveText(/Sin conexión · 1 pendiente/, { timeout: 15_000 });
  });
});

test('a new address saved offline says, in its toast too, that its confirmation goes only if it arrives in time', async ({
  page,
  centralDir,
}) => {
  test.setTimeout(60_000);
  await editingPedroOnline(page, centralDir, async ({ central, indicator, dialog }) => {
    // The central goes away; the desk has not noticed yet: the action finds out when its push
    // fails.
    await central.stop();
    await dialog.getByLabel('Correo', { exact: true }).fill('pedro.otro@gmail.com');
    await dialog.getByLabel('N° de serie de la cédula').check();
    await dialog.getByLabel('Empresa empleadora').check();
    await dialog.getByLabel('Motivo').fill('Cambió de correo');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Datos de contacto' });
    await expect(toast).toHaveText(/^Datos de contacto actualizados en este equipo\./);
    await expect(toast).toContainText(heldMessages.mailFreshness);
    await expect(indicator).toHaveText(/Sin conexión · 1 pendiente/, { timeout: 15_000 });
  });
});

test('a new address saved offline for someone with no active account promises no confirmation mail', async ({
  page,
  centralDir,
}) => {
  test.setTimeout(60_000);
  // Benjamín Rojas (seed): never registered, so a new address gets no link to confirm (rule 10).
  await editingPedroOnline(
    page,
    centralDir,
    async ({ central, indicator, dialog }) => {
      await expect(dialog).toContainText('No se le enviará un enlace para confirmarlo');
      await central.stop();
      await dialog.getByLabel('Correo', { exact: true }).fill('benjamin.rojas@gmail.com');
      for (const fact of await dialog.getByRole('checkbox').all()) await fact.check();
      await dialog.getByLabel('Motivo').fill('Cambió de correo');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      const toast = page.getByRole('status').filter({ hasText: 'Datos de contacto' });
      await expect(toast).toHaveText(/^Datos de contacto actualizados en este equipo\./);
      await expect(toast).not.toContainText('El correo sale solo si');
      await expect(indicator).toHaveText(/Sin conexión · 1 pendiente/, { timeout: 15_000 });
    },
    '5.364.140-7',
  );
});

test('a change the central API puts in conflict is never toasted as done (walk 60b M3)', async ({
  page,
  centralDir,
}) => {
  test.setTimeout(60_000);
  const deskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-desk-'));
  const central = await startCentral(centralDir);
  const door = await startDeskDoor(deskDir, central.url);
  try {
    await signInOnline(page, door.url, 'agente', 'agente600');
    const desk = new DeskPage(page);
    await desk.find('12.345.678-5');
    await desk.option('Pedro Andrés González Muñoz').click();
    // Someone else changed his mobile on the central system a moment ago.
    const centralDb = openSqlite(path.join(centralDir, 'central.db'));
    centralDb
      .prepare(
        `UPDATE persons SET phone = '+56977778888', version = version + 1,
           updated_at = '2026-12-04T17:05:00.000Z' WHERE rut = ?`,
      )
      .run(12_345_678);
    centralDb.close();
    const record = page.getByRole('region', { name: 'Ficha' });
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Celular' }).fill('+56 9 5555 0101');
    await dialog.getByLabel('Motivo').fill('Lo pidió la persona');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'El sistema central no lo aplicó: otro cambio sobre esta persona llegó antes (conflicto). Revíselo en Sincronización, «Por revisar», antes de decirle a la persona que quedó hecho.',
      { timeout: 15_000 },
    );
    await expect(page.getByRole('status')).not.toContainText('Datos de contacto actualizados');
  } finally {
    await door.stop();
    await central.stop();
    fs.rmSync(deskDir, { recursive: true, force: true });
  }
});
