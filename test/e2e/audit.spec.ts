/**
 * The Auditoría screen as a supervisor reads it, and the CSV a Chilean spreadsheet opens.
 */
import fs from 'node:fs';
import { expectAccessible } from './a11y';
import { expect, test, type DeskPage } from './fixtures';

const PEDRO = 'Pedro Andrés González Muñoz';

/** A Santiago calendar day, `days` from today, as dd-mm-aaaa. */
function santiagoDay(days: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Santiago',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts['day']}-${parts['month']}-${parts['year']}`;
}

/** Opens Pedro's record (a record view) and changes his phone (a real action). */
async function changePedrosPhone(desk: DeskPage) {
  const { page, record } = desk;
  await desk.find('12.345.678-5');
  await expect(desk.options.first()).toContainText(PEDRO);
  await desk.search.press('Enter');
  await expect(record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
  await record.getByRole('button', { name: 'Editar contacto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
  await dialog.getByRole('textbox', { name: 'Celular' }).fill('+56 9 1111 2222');
  await dialog.getByRole('textbox', { name: 'Motivo' }).fill('Cambió de número');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText('Datos de contacto actualizados.');
}

test.describe('Auditoría', () => {
  test.use({ user: 'supervisora' });

  test('a long note shows its start in its row, and the rest on demand', async ({ desk }) => {
    const { page } = desk;
    await desk.find('12.345.678-5');
    await desk.search.press('Enter');
    const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
    await callbar.getByLabel('Motivo').selectOption({ label: 'Olvidó contraseña' });
    await callbar.getByRole('button', { name: /^Abrir llamada de/ }).click();
    await callbar.getByRole('button', { name: 'Cerrar llamada' }).click();
    await callbar.getByLabel('Resultado').selectOption({ label: 'Resuelto' });
    const long = Array.from({ length: 12 }, (_, i) => `Línea ${i + 1} de lo conversado.`);
    await callbar.getByRole('textbox', { name: 'Notas de la llamada' }).fill(long.join('\n'));
    await callbar.getByRole('button', { name: 'Guardar y cerrar' }).click();
    await expect(page.getByRole('status')).toHaveText('Llamada cerrada y registrada.');

    await page.getByRole('button', { name: 'Auditoría' }).click();
    const audit = page.getByRole('region', { name: 'Auditoría' });
    const row = audit.getByRole('row').filter({ hasText: 'Línea 1 de lo conversado.' });
    await expect(row).not.toContainText('Línea 12');
    await row.getByRole('button', { name: 'Ver todo' }).click();
    await expect(row).toContainText('Línea 12 de lo conversado.');
    await expect(row.getByRole('button', { name: 'Ver menos' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expectAccessible(page, 'auditoría con una nota larga');
  });

  test('shows who, whom by name, and what changed; hides record views unless asked', async ({
    desk,
  }) => {
    const { page, record } = desk;
    await changePedrosPhone(desk);
    // An unlock names the identity facts checked: the widest column the table has.
    await record
      .getByRole('region', { name: '¿Por qué no puede ingresar?' })
      .getByRole('button', { name: 'Desbloquear' })
      .click();
    const unlock = page.getByRole('dialog', { name: 'Desbloquear acceso a ACHS Gestión' });
    await unlock.getByLabel('N° de serie de la cédula').check();
    await unlock.getByLabel('Empresa empleadora').check();
    await unlock.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(page.getByRole('status')).toHaveText('Cuenta desbloqueada.');
    await page.getByRole('button', { name: 'Auditoría' }).click();
    const audit = page.getByRole('region', { name: 'Auditoría' });
    const table = audit.getByRole('table');
    // Each desk keeps its own audit: the screen says it is this one's, not the whole desk's.
    await expect(audit).toContainText('Eventos registrados en este equipo.');

    // Only the real actions and her sign-in: the record views are left out, and the screen
    // says so.
    await expect(audit.getByText('3 eventos (sin las consultas de fichas)')).toBeVisible();
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.filter({ hasText: 'Ingresó a la mesa' })).toContainText(
      'Comprobado: en este equipo',
    );
    const change = rows.filter({ hasText: 'Cambió datos de contacto' });
    await expect(change).toContainText('Sara Supervisora');
    await expect(change).toContainText(PEDRO);
    await expect(change).toContainText('12.345.678-5');
    await expect(change).toContainText('Celular: +56 9 8765 4321 → +56 9 1111 2222');
    await expect(change).toContainText('Cambió de número');
    await expect(table.getByText('Vio la ficha')).toHaveCount(0);
    await expectAccessible(page, 'Auditoría: acciones');

    // A RUT never breaks mid-number, and the table fits, at every screen size.
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(size);
      const rut = change.getByText('12.345.678-5', { exact: true });
      await expect(rut).toHaveCSS('white-space', 'nowrap');
      expect(await rut.evaluate((el) => el.getClientRects().length), `${size.width}px`).toBe(1);
      const fits = await audit.evaluate((el) => el.scrollWidth <= el.clientWidth);
      expect(fits, `no sideways scroll at ${size.width}px`).toBe(true);
    }

    const views = audit.getByLabel('Incluir consultas de fichas («Vio la ficha»)');
    await views.check();
    await expect(audit.getByText(/^\d+ eventos$/)).toBeVisible();
    await expect(rows.filter({ hasText: 'Vio la ficha' })).toContainText(PEDRO);
    await expectAccessible(page, 'Auditoría: con consultas de fichas');
    await views.uncheck();
    await expect(audit.getByText('3 eventos (sin las consultas de fichas)')).toBeVisible();
  });

  test('filters by dd-mm-aaaa dates and clears stale results on a bad filter', async ({ desk }) => {
    const { page } = desk;
    await changePedrosPhone(desk);
    await page.getByRole('button', { name: 'Auditoría' }).click();
    const audit = page.getByRole('region', { name: 'Auditoría' });
    const table = audit.getByRole('table');
    const filter = audit.getByRole('button', { name: 'Filtrar' });
    const from = audit.getByLabel('Desde (dd-mm-aaaa)');
    const to = audit.getByLabel('Hasta (dd-mm-aaaa)');
    await expect(from).toHaveAttribute('placeholder', 'dd-mm-aaaa');

    await from.fill(santiagoDay(-1));
    await to.fill(santiagoDay(1));
    await filter.click();
    // Her sign-in and the change.
    await expect(audit.getByText('2 eventos (sin las consultas de fichas)')).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: PEDRO })).toHaveCount(1);

    await from.fill(santiagoDay(2));
    await to.fill('');
    await filter.click();
    await expect(audit.getByText('0 eventos (sin las consultas de fichas)')).toBeVisible();
    await expect(audit.getByText('No hay eventos con estos filtros.')).toBeVisible();

    // A date in another shape: a clear Spanish error, and nothing stale below it.
    await from.fill('2026-11-21');
    await filter.click();
    await expect(audit.getByRole('alert')).toHaveText(
      'Fecha «Desde» no válida (se ingresó «2026-11-21»): esa fecha no existe o no está escrita como dd-mm-aaaa (por ejemplo 21-11-2026). No se muestran resultados hasta corregir el filtro.',
    );
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(audit.getByText(/eventos?\b/)).toHaveCount(0);
    await expectAccessible(page, 'Auditoría: fecha inválida');
    // The refusal takes the agent to the field; asked again (an export with the same bad date), it
    // is said anew and takes them there again, rather than seeming to do nothing.
    await expect(from).toBeFocused();
    const exportButton = audit.getByRole('button', { name: 'Exportar CSV' });
    await exportButton.focus();
    const firstAlert = await audit.getByRole('alert').elementHandle();
    await exportButton.click();
    await expect(from).toBeFocused();
    await expect(audit.getByRole('alert')).toHaveText(/^Fecha «Desde» no válida/);
    expect(await firstAlert!.evaluate((node) => node.isConnected)).toBe(false);
    // Corrected (here emptied), the field's error goes at once, before «Filtrar».
    await from.fill('');
    await expect(audit.getByRole('alert')).toHaveCount(0);
    await expect(from).not.toHaveAttribute('aria-invalid', 'true');

    // Results for a good RUT, then an invalid RUT: the old results go away.
    await audit.getByLabel('RUT', { exact: true }).fill('12.345.678-5');
    await filter.click();
    await expect(table.getByRole('row').filter({ hasText: PEDRO })).toHaveCount(1);
    await audit.getByLabel('RUT', { exact: true }).fill('12.345.678-9');
    await filter.click();
    await expect(audit.getByRole('alert')).toHaveText(
      'RUT inválido: con esos números el dígito verificador sería 5, no 9. Revise los números y el dígito. No se muestran resultados hasta corregir el filtro.',
    );
    await expect(table).toHaveCount(0);
    await expect(audit.getByText(PEDRO)).toHaveCount(0);
    await expectAccessible(page, 'Auditoría: RUT inválido');
    // Its numbers alone, as a caller dictates them, are Pedro's RUT (rule 1).
    await audit.getByLabel('RUT', { exact: true }).fill('12345678');
    await filter.click();
    await expect(table.getByRole('row').filter({ hasText: PEDRO })).toHaveCount(1);
  });

  test('exports a CSV a Chilean spreadsheet opens well', async ({ desk }) => {
    const { page } = desk;
    await changePedrosPhone(desk);
    await page.getByRole('button', { name: 'Auditoría' }).click();
    const audit = page.getByRole('region', { name: 'Auditoría' });
    await expect(audit.getByText('2 eventos (sin las consultas de fichas)')).toBeVisible();

    const download = page.waitForEvent('download');
    await audit.getByRole('button', { name: 'Exportar CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^auditoria-\d{2}-\d{2}-\d{4}\.csv$/);
    // Said on screen too: which file, how many events.
    await expect(page.getByRole('status')).toHaveText(
      `Archivo generado: ${file.suggestedFilename()}, con 2 eventos.`,
    );
    const bytes = fs.readFileSync(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'N°;Fecha y hora (Chile);Agente;RUT;Persona;Acción;Antes;Después;Motivo;Identidad verificada;Equipo;ID del evento',
    );
    // As on screen: her sign-in and the real action, the record view left out; then who
    // exported it and when, and the count (issue 10).
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(
      ';Sara Supervisora;;;Ingresó a la mesa;;Comprobado: en este equipo;',
    );
    expect(lines[3]).toMatch(
      /^Exportado por Sara Supervisora \(supervisora\) el \d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/,
    );
    expect(lines[4]).toBe('Fin del archivo: 2 eventos');
    expect(lines[5]).toBe('');
    const cells = lines[2]!.split(';');
    expect(cells[1]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(cells.slice(2, 9)).toEqual([
      'Sara Supervisora',
      '12.345.678-5',
      PEDRO,
      'Cambió datos de contacto',
      // The e-mail it left as it was is no change to list.
      'Celular: +56 9 8765 4321',
      'Celular: +56 9 1111 2222',
      'Cambió de número',
    ]);
    // The device in the words the screen uses, with its whole identifier.
    expect(cells[10]).toMatch(/^Este equipo \([0-9a-f-]{36}\)$/);
  });
});
