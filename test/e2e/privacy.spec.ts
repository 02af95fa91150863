/**
 * Privacy by default on the desk and the anchored audit chain (issue 10), in Chromium through
 * the web door: a supervisor sees who viewed a person; an officer outside his companies hears
 * the same words whether or not the RUT exists; the audit screen shows the chain's anchored
 * state; and the app's whole log output during a run holds no full RUT, e-mail or phone.
 */
import type { Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { expectAccessible } from './a11y';
import { searchMessages } from '../../src/shared/messages';
import {
  expect,
  loopTest,
  signOut,
  startCentral,
  startEntryCapturing,
  test,
  fillSignIn,
  searchFor,
} from './fixtures';

const PEDRO = 'Pedro Andrés González Muñoz';

async function openPedro(page: Page) {
  await searchFor(page, '12.345.678-5');
  const results = page.getByRole('listbox', { name: 'Resultados' });
  await expect(results.getByRole('option').first()).toContainText(PEDRO);
  await page.getByRole('combobox', { name: 'Buscar' }).press('Enter');
  await expect(
    page.getByRole('region', { name: 'Ficha' }).getByRole('heading', { level: 1 }),
  ).toHaveText(PEDRO);
}

test('a supervisor sees who viewed a person, when, from where and why', async ({ desk }) => {
  const { page } = desk;
  // The agent opens Pedro's record on a call about a lock.
  await openPedro(page);
  const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
  await callbar.getByLabel('Motivo').selectOption({ label: 'Bloqueo por intentos' });
  await callbar.getByRole('button', { name: `Abrir llamada de ${PEDRO} (12.345.678-5)` }).click();
  await page.getByRole('button', { name: 'Llamadas' }).click();
  await page
    .getByRole('table')
    .getByRole('button', { name: /Pedro Andrés González Muñoz/ })
    .click();
  await expect(
    page.getByRole('region', { name: 'Ficha' }).getByRole('heading', { level: 1 }),
  ).toHaveText(PEDRO);
  // An agent has no such button.
  await expect(page.getByRole('button', { name: 'Quién consultó esta ficha' })).toHaveCount(0);
  await signOut(page);

  await fillSignIn(page, 'supervisora', 'super600');
  await expect(page.getByText(/2\.000 personas/)).toBeVisible();
  await openPedro(page);
  const opener = page.getByRole('button', { name: 'Quién consultó esta ficha' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: `Quién consultó la ficha de ${PEDRO}` });
  const rows = dialog.getByRole('row');
  // Newest first: the supervisor's own view from the search.
  await expect(rows.nth(1)).toContainText('Sara Supervisora');
  await expect(rows.nth(1)).toContainText('Búsqueda');
  await expect(rows.nth(1)).toContainText('Sin llamada abierta');
  await expect(rows.nth(1)).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
  // The agent's view from the calls list, with the call's reason.
  const fromCalls = rows.filter({ hasText: 'Llamada (lista de llamadas)' });
  await expect(fromCalls).toHaveCount(1);
  await expect(fromCalls).toContainText('Alicia Agente');
  await expect(fromCalls).toContainText('Bloqueo por intentos');
  // And the agent's first look, from a search, before the call.
  await expect(rows.last()).toContainText('Alicia Agente');
  await expect(rows.last()).toContainText('Búsqueda');
  await expect(rows.last()).toContainText('Sin llamada abierta');
  await expectAccessible(page, 'Quién consultó esta ficha');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test.describe('a prevention officer outside his companies', () => {
  test.use({ user: 'prevencion' });

  test('hears the same words whether or not the RUT exists', async ({ desk }) => {
    const { page } = desk;
    const notice = searchMessages.rutOutsideScope;
    // Ramón exists (his company is not the officer's); 4.444.444-5's body is nobody's.
    for (const rut of ['7.654.321-6', '4.444.444-5']) {
      await desk.find(rut);
      await expect(page.getByText(notice(rut))).toBeVisible();
      await expect(desk.options).toHaveCount(0);
      await expectAccessible(page, `Búsqueda de ${rut} fuera de sus empresas`);
    }
    // A name with nobody of his: said as his companies' people, not as nobody anywhere.
    await desk.find('espiga');
    await expect(
      page.getByText(
        'Sin resultados para «espiga» entre sus empresas asignadas y su gente (este equipo no tiene otras). Pruebe con el RUT, solo un apellido o el inicio del correo.',
      ),
    ).toBeVisible();
  });
});

loopTest('the audit screen shows the chain anchored in the central API', async ({ page, dirs }) => {
  loopTest.setTimeout(90_000);
  const central = await startCentral(dirs.central);
  const door = await startEntryCapturing('src/main/web/start.ts', [
    '--port',
    '0',
    '--data-dir',
    dirs.desk,
    '--demo-persons',
    '0',
    '--central',
    central.url,
  ]);
  try {
    await page.goto(door.url);
    await fillSignIn(page, 'supervisora', 'super600');
    const indicator = page.getByRole('button', { name: /^Sincronización:/ });
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });

    // Her sign-in is audited, and the sync it started anchors it (a desk with nothing anchored
    // yet says so: audit-anchor.test.ts). A record view is an event; the next sync anchors it.
    await page.getByRole('button', { name: 'Búsqueda' }).click();
    await openPedro(page);
    await indicator.click();
    await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Auditoría' }).click();
    await page.getByRole('button', { name: 'Verificar cadena' }).click();
    // The sync that anchored the view also reloaded the record (another view, not yet anchored).
    const verified = page.getByRole('status').filter({ hasText: 'Cadena íntegra' });
    await expect(verified).toContainText(
      /Cadena íntegra: \d+ eventos? verificados? \(al \d{2}-\d{2}-\d{4} \d{2}:\d{2}\)\./,
    );
    await expect(verified).toContainText(
      /Respaldo en el sistema central: coincide con (el punto de control|los \d+ puntos de control) que el sistema central confirmó haber guardado; el último, en el evento N° \d+, respaldado el \d{2}-\d{2}-\d{4} \d{2}:\d{2}\./,
    );
    await expectAccessible(page, 'Auditoría: cadena anclada');
  } finally {
    await door.stop();
    await central.stop();
  }
});

loopTest(
  'the whole log output of the web door and the central API holds no full RUT, e-mail or phone',
  async ({ page, dirs }) => {
    loopTest.setTimeout(120_000);
    // A mail server that refuses every recipient, naming it, as real ones do.
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(
          Object.assign(new Error(`<${address.address}>: mailbox unavailable`), {
            responseCode: 550,
          }),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const central = await startEntryCapturing('src/central-api/start.ts', [
      '--port',
      '0',
      '--data-dir',
      dirs.central,
      '--demo-persons',
      '300',
      '--smtp-host',
      '127.0.0.1',
      '--smtp-port',
      String(smtpPort),
    ]);
    const door = await startEntryCapturing('src/main/web/start.ts', [
      '--port',
      '0',
      '--data-dir',
      dirs.desk,
      '--demo-persons',
      '0',
      '--central',
      central.url,
    ]);
    const logs = () => `${central.output()}\n${door.output()}`;
    try {
      await page.goto(door.url);
      // A failed sign-in.
      await fillSignIn(page, 'agente', 'no-es-la-clave');
      await expect(page.getByText('Usuario o contraseña incorrectos.')).toBeVisible();
      await fillSignIn(page, 'agente', 'agente600');
      const indicator = page.getByRole('button', { name: /^Sincronización:/ });
      await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });

      // Searches by name, phone and RUT; the record opened.
      const search = page.getByRole('combobox', { name: 'Buscar' });
      const results = page.getByRole('listbox', { name: 'Resultados' });
      await search.fill('pedro gonzalez');
      await expect(results.getByRole('option').first()).toContainText(PEDRO);
      await search.fill('+56 9 8765 4321');
      await expect(results.getByRole('option').first()).toContainText(PEDRO);
      await openPedro(page);

      // A new e-mail, then a mail to it, which the mail server refuses.
      const record = page.getByRole('region', { name: 'Ficha' });
      await record.getByRole('button', { name: 'Editar contacto' }).click();
      const edit = page.getByRole('dialog', { name: 'Editar datos de contacto' });
      await edit.getByLabel('N° de serie de la cédula').check();
      await edit.getByLabel('Empresa empleadora').check();
      await edit.getByRole('textbox', { name: 'Correo' }).fill('pedro.nuevo@correo.cl');
      await edit.getByRole('textbox', { name: 'Motivo' }).fill('Cambió de correo');
      await edit.getByRole('button', { name: 'Guardar' }).click();
      await expect(page.getByRole('status')).toHaveText('Datos de contacto actualizados.');
      await record.getByRole('button', { name: 'Reenviar: Restablecer contraseña' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reenviar' }).click();
      await expect(page.getByRole('status')).toHaveText('Correo pedido: se enviará en breve.');
      await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
      // The central API logged the refused delivery (masked).
      await expect.poll(logs, { timeout: 30_000 }).toContain('delivery failed');
    } finally {
      await door.stop();
      await central.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }

    const output = logs();
    expect(output).toContain('p•••@c•••.cl');
    for (const secret of [
      'pedro.nuevo@correo.cl',
      'pedro.gonzalez@gmail.com',
      '12.345.678-5',
      '12345678-5',
      '12345678',
      '+56 9 8765 4321',
      '+56987654321',
      '987654321',
      '8765 4321',
    ]) {
      expect(output, `the logs hold «${secret}»`).not.toContain(secret);
    }
    // Nor any other full e-mail or formatted RUT.
    expect(output).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/);
    expect(output).not.toMatch(/(?<![\d.])\d{1,2}\.\d{3}\.\d{3}-[\dkK]\b/);
  },
);
