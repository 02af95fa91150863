/**
 * Bulk loads (issue 8) end to end in Chromium through the web door: a supervisor opens La Espiga,
 * loads its file with good and bad rows, reads the preview, downloads the rows with problems,
 * applies with a reason, follows the progress, reads and exports the result, and undoes it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible } from './a11y';
import {
  expect,
  loopTest,
  signInOnline,
  startCentral,
  startDeskDoor,
  test,
  type Started,
} from './fixtures';
import { excelCsv1252 } from '../support/bulk-files';

const FILE = excelCsv1252([
  ['RUT', 'Correo electrónico', 'Estado'],
  // A refused row first: an undo's result must list only the rows it restored (walk 59b saw the
  // load's rows there when the undo ended before its first poll).
  ['12.345.678-9', 'malo@laespiga.cl', ''],
  ['19.283.746-4', 'juan.castillo@laespiga.cl', ''],
  ['13.579.246-2', '', 'Inhabilitado'],
  ['12.345.678-5', '=HYPERLINK("http://malo.example")', ''],
]);

test.use({ user: 'supervisora' });

test('load a file with good and bad rows → preview → apply → progress → report → undo', async ({
  desk,
}) => {
  const { page } = desk;
  // From the company record.
  await desk.find('la espiga');
  await desk.options.filter({ hasText: 'Panadería La Espiga' }).first().click();
  const company = page.getByRole('region', { name: 'Empresa' });
  await company.getByRole('button', { name: 'Cargar archivo' }).click();

  const screen = page.getByRole('main').getByRole('region', { name: 'Cargas masivas' });
  await expect(screen.getByLabel('Empresa (RUT)')).toHaveValue('78.901.234-2');
  await expect(screen.getByText('Aún no hay cargas en este equipo.')).toBeVisible();
  await expectAccessible(page, 'Cargas masivas: nueva carga');

  // A binary file renamed .csv is refused in Spanish, and nothing else happens.
  await screen.getByLabel('Archivo (.csv o .xlsx)').setInputFiles({
    name: 'foto.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
  });
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();
  await expect(screen.getByRole('alert')).toContainText('El archivo no es texto ni una planilla');
  // The focus is back on the file, not lost to the page with the button that was pressed.
  await expect(screen.getByLabel('Archivo (.csv o .xlsx)')).toBeFocused();
  await expectAccessible(page, 'Cargas masivas: archivo rechazado');

  // A file saved again after it was chosen: said, and chosen anew, not «intente de nuevo» forever.
  const onDisk = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-bulk-')), 'espiga.csv');
  fs.writeFileSync(onDisk, Buffer.from(FILE));
  await screen.getByLabel('Archivo (.csv o .xlsx)').setInputFiles(onDisk);
  fs.writeFileSync(onDisk, Buffer.concat([Buffer.from(FILE), Buffer.from('\r\n')]));
  fs.utimesSync(onDisk, new Date(), new Date(Date.now() + 60_000));
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();
  await expect(screen.getByRole('alert')).toHaveText(
    'El archivo cambió (o se movió) después de elegirlo, y ya no se puede leer: elíjalo de nuevo.',
  );
  await expect(screen.getByText('Ningún archivo elegido')).toBeVisible();
  fs.rmSync(path.dirname(onDisk), { recursive: true, force: true });

  await screen
    .getByLabel('Archivo (.csv o .xlsx)')
    .setInputFiles({ name: 'espiga.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();

  // Preview: totals by outcome, each row's fate, and nothing changed yet.
  // The new step's heading takes the focus: the button that led here is gone.
  await expect(
    screen.getByRole('heading', {
      name: /4 filas de «espiga\.csv» para Panadería La Espiga Limitada/,
    }),
  ).toBeFocused();
  await expect(screen.getByText('Leído como CSV (Windows-1252)', { exact: false })).toBeVisible();
  const table = screen.getByRole('table', { name: 'Qué pasará' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('row').filter({ hasText: '19.283.746-4' })).toContainText(
    'Correo: jcastillo@contadores.cl → juan.castillo@laespiga.cl',
  );
  await expect(table.getByRole('row').filter({ hasText: '13.579.246-2' })).toContainText(
    'Inhabilitar',
  );
  // A wrong check digit names the one expected, as every RUT field does.
  await expect(table.getByRole('row').filter({ hasText: '12.345.678-9' })).toContainText(
    'RUT inválido: con esos números el dígito verificador sería 5, no 9. Revise los números y el dígito.',
  );
  await expect(table.getByRole('row').filter({ hasText: '12.345.678-5' })).toContainText(
    'Correo inválido',
  );
  await expectAccessible(page, 'Cargas masivas: vista previa');

  await screen.getByRole('button', { name: /Con problemas 2/ }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  const downloading = page.waitForEvent('download');
  await screen.getByRole('button', { name: /Descargar filas con problemas/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('espiga-con-problemas.csv');
  const failed = fs.readFileSync((await download.path())!, 'utf8');
  expect(failed).toContain('RUT;Correo electrónico;Estado;Motivo');
  // The formula comes back neutralised.
  expect(failed).toContain(`"'=HYPERLINK(""http://malo.example"")"`);

  // Apply with a reason: progress to the end, then the result per row.
  const apply = screen.getByRole('button', { name: 'Aplicar 2 filas' });
  await expect(apply).toBeDisabled();
  // It says why it waits, as every other form does.
  await expect(apply).toHaveAccessibleDescription('Falta: un motivo de al menos 3 caracteres.');
  await screen.getByLabel('Motivo de la carga').fill('Archivo enviado por RR.HH. de La Espiga');
  await apply.click();
  const progress = screen.getByRole('progressbar', { name: 'Avance de la carga' });
  await expect(progress).toHaveAttribute('aria-valuenow', '2');
  await expect(progress).toHaveAttribute('aria-valuemax', '2');
  // Of the rows with something to apply, not of the file's four.
  await expect(progress).toHaveAttribute('aria-valuetext', '2 de 2 filas aplicables');
  await expect(screen.getByText('2 de 2 filas aplicables', { exact: true })).toBeVisible();
  await expect(screen.getByRole('status')).toHaveText('Carga terminada: 2 filas aplicadas.');
  await expect(screen.getByText('2 aplicadas · 2 rechazadas · 0 sin cambios')).toBeVisible();
  const report = screen.getByRole('table', { name: 'Resultado por fila' });
  await expect(report.getByRole('row')).toHaveCount(5);
  await expect(report.getByRole('row').filter({ hasText: '19.283.746-4' })).toContainText(
    'Aplicada',
  );
  await expectAccessible(page, 'Cargas masivas: resultado');

  const exporting = page.waitForEvent('download');
  await screen.getByRole('button', { name: 'Exportar resultado (CSV)' }).click();
  expect((await exporting).suggestedFilename()).toBe('espiga-resultado.csv');

  // The change is real: the record shows it.
  await page.getByRole('button', { name: 'Búsqueda' }).click();
  await desk.find('19.283.746-4');
  await expect(desk.options.first()).toContainText('juan.castillo@laespiga.cl');
  // The tab comes back to the batch; pressed again there, to the list of loads, which leads to
  // the batch too.
  await page.getByRole('button', { name: 'Cargas masivas' }).click();
  await expect(screen.getByRole('button', { name: 'Volver a las cargas' })).toBeVisible();
  await page.getByRole('button', { name: 'Cargas masivas' }).click();
  await expect(screen.getByRole('heading', { name: 'Nueva carga' })).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Volver a las cargas' })).toHaveCount(0);
  await expect(screen.getByRole('table')).toContainText('Terminada');
  await screen.getByRole('button', { name: /^Ver: Carga · espiga\.csv/ }).click();

  // Undo, confirmed with a reason in a dialog.
  await screen.getByRole('button', { name: 'Deshacer esta carga' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deshacer la carga' });
  await expect(dialog.getByLabel('Motivo de la reversión')).toBeFocused();
  await expectAccessible(page, 'Cargas masivas: deshacer');
  await dialog.getByLabel('Motivo de la reversión').fill('La empresa envió el archivo equivocado');
  await dialog.getByRole('button', { name: 'Deshacer' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    screen.getByRole('heading', { name: /Reversión · Panadería La Espiga Limitada/ }),
  ).toBeFocused();
  await expect(screen.getByRole('status')).toHaveText(/Carga deshecha/);
  await expect(screen.getByText('2 aplicadas · 0 rechazadas · 0 sin cambios')).toBeVisible();
  // Its own rows at once, not the load's refused ones (walk 59b).
  const undoRows = screen.getByRole('table', { name: 'Resultado por fila' });
  await expect(undoRows.getByRole('row')).toHaveCount(3);
  for (const row of await undoRows
    .getByRole('row')
    .all()
    .then((rows) => rows.slice(1))) {
    await expect(row).toContainText('Restaurada');
  }
  await expectAccessible(page, 'Cargas masivas: reversión');
  // The list names the load and its reversal apart, though they share file and minute.
  await screen.getByRole('button', { name: 'Volver a las cargas' }).click();
  await expect(screen.getByRole('button', { name: /^Ver: Carga · espiga\.csv/ })).toHaveCount(1);
  await expect(screen.getByRole('button', { name: /^Ver: Reversión · espiga\.csv/ })).toHaveCount(
    1,
  );

  await page.getByRole('button', { name: 'Búsqueda' }).click();
  await desk.find('19.283.746-4');
  await desk.search.press('Enter');
  await expect(desk.record).toContainText('jcastillo@contadores.cl');

  // The Panel counts the load and its reversal apart, not as the supervisor's actions (walk 58b).
  await page.getByRole('button', { name: 'Panel', exact: true }).click();
  const actions = page.getByRole('figure', { name: 'Acciones de los agentes, por tipo' });
  await expect(actions).toContainText('Sin acciones de agentes en este período.');
  await expect(actions).toContainText(
    'Cargas masivas del período, aparte: 1 carga masiva cambió 2 filas y se deshizo 1 carga (2 filas revertidas). El detalle está en Cargas masivas.',
  );
});

test('the company field takes the RUT’s digits alone and names the company as it is typed', async ({
  desk,
}) => {
  const { page } = desk;
  await page.getByRole('button', { name: 'Cargas masivas' }).click();
  const screen = page.getByRole('main').getByRole('region', { name: 'Cargas masivas' });
  const field = screen.getByLabel('Empresa (RUT)');

  // Typed digit by digit, as an agent does: each half-typed RUT's note is shown, but a screen
  // reader hears only where the typing settled — the company, not six «RUT inválido».
  const said = screen.locator('p[aria-live="polite"].visually-hidden');
  await said.evaluate((node) => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver(() => heard.push(node.textContent ?? '')).observe(node, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await field.pressSequentially('78.901.234-2', { delay: 60 });
  await expect(said).toHaveText('Panadería La Espiga Limitada');
  expect(
    await page.evaluate(() => (window as unknown as { heard: string[] }).heard.filter(Boolean)),
  ).toEqual(['Panadería La Espiga Limitada']);
  // Digits alone, as other RUT fields take them: La Espiga is named before any file is chosen.
  await field.fill('78901234');
  await expect(field).toHaveAccessibleDescription('Panadería La Espiga Limitada');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  // A valid RUT that is no company's here is said so, in Spanish.
  await field.fill('11111111');
  await expect(field).toHaveAccessibleDescription(
    /^El RUT 11\.111\.111-1 no es de ninguna empresa de este equipo/,
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // A wrong check digit names the one expected.
  await field.fill('78.901.234-5');
  await expect(field).toHaveAccessibleDescription(
    'RUT inválido: con esos números el dígito verificador sería 2, no 5. Revise los números y el dígito.',
  );
  // Styled as the app's other inputs (.field): its border, not the browser's default.
  await field.fill('78901234');
  await expect(field).toHaveCSS('border-radius', '6px');
  await expectAccessible(page, 'Cargas masivas: empresa por RUT');

  // The digits alone carry through to the preview.
  await screen
    .getByLabel('Archivo (.csv o .xlsx)')
    .setInputFiles({ name: 'espiga.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();
  await expect(
    screen.getByRole('heading', { name: /4 filas de «espiga\.csv» para Panadería La Espiga/ }),
  ).toBeVisible();
});

test('the preview warns before applying: the last administrator, a shared e-mail; a representative with no access is said so', async ({
  desk,
}) => {
  const { page } = desk;
  await page.getByRole('button', { name: 'Cargas masivas' }).click();
  const screen = page.getByRole('main').getByRole('region', { name: 'Cargas masivas' });
  await screen.getByLabel('Empresa (RUT)').fill('78.901.234-2');
  await screen.getByLabel('Archivo (.csv o .xlsx)').setInputFiles({
    name: 'avisos.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      excelCsv1252([
        ['RUT', 'Correo electrónico', 'Estado'],
        // Marcela, La Espiga's only administrator, given Pedro's address (Los Andes).
        ['13.579.246-2', 'pedro.gonzalez@gmail.com', 'Inhabilitado'],
        // One new address for two persons.
        ['19.283.746-4', 'rrhh@laespiga.cl', ''],
        ['14.253.647-1', 'rrhh@laespiga.cl', ''],
        // Gloria, its legal representative by the register, with no access there.
        ['14.725.836-4', 'gloria.nueva@laespiga.cl', ''],
        // Columns pasted wrong: an account number as the RUT, a paragraph as the address.
        ['9'.repeat(40), `${'x'.repeat(300)}@laespiga.cl`, ''],
      ]),
    ),
  });
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();
  await expect(
    screen.getByRole('heading', { name: /5 filas de «avisos\.csv» para Panadería La Espiga/ }),
  ).toBeFocused();

  // Said before the agent confirms, the company named; the changes still apply.
  await expect(
    screen.getByText(
      '1 fila inhabilita al último administrador de accesos de Panadería La Espiga Limitada: después de la carga nadie de la empresa podrá cambiar perfiles',
      { exact: false },
    ),
  ).toBeVisible();
  await expect(
    screen.getByText(
      '3 filas dan correos que ya tiene otra persona, o que el archivo da también a otra',
      { exact: false },
    ),
  ).toBeVisible();
  await expect(screen.getByRole('button', { name: 'Aplicar 3 filas' })).toBeVisible();
  await expectAccessible(page, 'Cargas masivas: vista previa con advertencias');

  // Each warned row says what, in the totals' own filter.
  await screen.getByRole('button', { name: /Con advertencias 3/ }).click();
  const table = screen.getByRole('table', { name: 'Qué pasará' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').filter({ hasText: '13.579.246-2' })).toContainText(
    'Inhabilitar · la empresa queda sin administrador de accesos · ese correo ya es de 12.345.678-5',
  );
  // Each of the two rows names the other (whose RUT its own text holds too: first and last).
  await expect(table.getByRole('row').filter({ hasText: '19.283.746-4' }).first()).toContainText(
    'la fila 4 da el mismo correo a 14.253.647-1',
  );
  await expect(table.getByRole('row').filter({ hasText: '14.253.647-1' }).last()).toContainText(
    'la fila 3 da el mismo correo a 19.283.746-4',
  );
  await expectAccessible(page, 'Cargas masivas: filas con advertencias');

  // The representative's row says what he is, not «no pertenece a esta empresa».
  await screen.getByRole('button', { name: /Con problemas 2/ }).click();
  const gloria = table.getByRole('row').filter({ hasText: '14.725.836-4' });
  await expect(gloria).toContainText(
    'Es representante legal de la empresa según su registro, pero no tiene acceso en ella',
  );
  await expect(gloria).not.toContainText('no pertenece');
  // A number too long for a RUT is said so, and a huge cell shows its start and its length.
  const pasted = table.getByRole('row').filter({ hasText: 'RUT inválido: tiene 40 dígitos' });
  await expect(pasted).toContainText('(312 caracteres)');
  await expect(pasted).not.toContainText('x'.repeat(100));
  await expectAccessible(page, 'Cargas masivas: representante sin acceso');

  // Applied, the result still says what each warned row did, in a filter of its own.
  await screen.getByLabel('Motivo de la carga').fill('Archivo enviado por RR.HH. de La Espiga');
  await screen.getByRole('button', { name: 'Aplicar 3 filas' }).click();
  await expect(screen.getByRole('status')).toHaveText('Carga terminada: 3 filas aplicadas.');
  await screen.getByLabel('Mostrar').selectOption({ label: 'Con advertencias' });
  const report = screen.getByRole('table', { name: 'Resultado por fila' });
  await expect(report.getByRole('row')).toHaveCount(4);
  await expect(report.getByRole('row').filter({ hasText: '13.579.246-2' })).toContainText(
    'Aplicada (por enviar al sistema central) · la empresa queda sin administrador de accesos · ese correo ya es de 12.345.678-5',
  );
  await expectAccessible(page, 'Cargas masivas: resultado con advertencias');
});

test('the preview’s «Qué pasará» wraps long text instead of cutting it', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Cargas masivas' }).click();
  const screen = page.getByRole('main').getByRole('region', { name: 'Cargas masivas' });
  await screen.getByLabel('Empresa (RUT)').fill('78.901.234-2');
  await screen.getByLabel('Archivo (.csv o .xlsx)').setInputFiles({
    name: 'estados.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      excelCsv1252([
        ['RUT', 'Correo electrónico', 'Estado'],
        ['13.579.246-2', '', 'suspendido'],
        ['19.283.746-4', 'juan.castillo@laespiga.cl', 'habilitado'],
        ['14.253.647-1', '', 'Inhabilitado'],
      ]),
    ),
  });
  await screen.getByRole('button', { name: 'Ver vista previa' }).click();
  const table = screen.getByRole('table', { name: 'Qué pasará' });
  const refused = table.getByRole('row').filter({ hasText: '13.579.246-2' });
  await expect(refused).toContainText('Estado no reconocido: use «habilitado» o «inhabilitado»');

  // Every cell shows all its text (nothing cut), and no row runs into the next.
  const cut = await table.evaluate((element) => {
    const cells = [...element.querySelectorAll<HTMLElement>('[role="cell"]')];
    return cells
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent);
  });
  expect(cut).toEqual([]);
  const boxes = await table.getByRole('row').evaluateAll((rows) =>
    rows.slice(1).map((row) => {
      const box = row.getBoundingClientRect();
      return { top: Math.round(box.top), bottom: Math.round(box.bottom) };
    }),
  );
  boxes.sort((a, b) => a.top - b.top);
  for (let i = 1; i < boxes.length; i++)
    expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 1);
  // The long refusal takes more than one line: its row is taller than a one-line row (34 px).
  expect((await refused.boundingBox())!.height).toBeGreaterThan(40);
  await expectAccessible(page, 'Cargas masivas: vista previa estrecha');
});

loopTest(
  'a load’s rows say «confirmada» as soon as the central API confirms them, on the same screen',
  async ({ page, dirs }) => {
    loopTest.setTimeout(120_000);
    let central: Started = await startCentral(dirs.central);
    const door = await startDeskDoor(dirs.desk, central.url);
    try {
      const indicator = await signInOnline(page, door.url, 'supervisora', 'super600');

      // Offline, so the rows wait on the desk.
      await central.stop();
      await page.getByRole('button', { name: 'Cargas masivas' }).click();
      const screen = page.getByRole('main').getByRole('region', { name: 'Cargas masivas' });
      await screen.getByLabel('Empresa (RUT)').fill('78.901.234-2');
      await screen
        .getByLabel('Archivo (.csv o .xlsx)')
        .setInputFiles({ name: 'espiga.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
      await screen.getByRole('button', { name: 'Ver vista previa' }).click();
      await screen.getByLabel('Motivo de la carga').fill('Archivo enviado por RR.HH. de La Espiga');
      await screen.getByRole('button', { name: 'Aplicar 2 filas' }).click();
      const report = screen.getByRole('table', { name: 'Resultado por fila' });
      const juan = report.getByRole('row').filter({ hasText: '19.283.746-4' });
      await expect(juan).toContainText('Aplicada (por enviar al sistema central)');
      await expect(indicator).toHaveText(/Sin conexión · 2 pendientes/, { timeout: 15_000 });

      // The central API returns: the desk sends the rows, and this screen follows by itself.
      central = await startCentral(dirs.central, String(central.port));
      await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
      await expect(juan).toContainText('Aplicada y confirmada por el sistema central');
      await expect(report.getByRole('row').filter({ hasText: '13.579.246-2' })).toContainText(
        'Aplicada y confirmada por el sistema central',
      );
    } finally {
      await door.stop();
      await central.stop();
    }
  },
);
