/**
 * Ley 21.719 data-subject requests (issue 10) end to end, in Chromium through the web door: an
 * access request recorded on a call (and refused first without an identity check), the
 * supervisor's list by deadline, the export downloaded as HTML and JSON and read back, and a
 * temporary block: the banner, refused changes, a second block refused.
 */
import fs from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { signOut, test, type DeskPage, fillSignIn } from './fixtures';
import { dataRequestMessages, noCauseText } from '../../src/shared/messages';
import { formatDay, santiagoDate } from '../../src/shared/format';
import { addCalendarDays } from '../../src/shared/rules/legal-deadlines';
import { firstDueDate } from '../../src/shared/rules/data-requests';

const PEDRO = 'Pedro Andrés González Muñoz';
const CAMILA_RUT = '16.789.012-1';

async function openPerson(desk: DeskPage, rut: string, name?: string) {
  await desk.find(rut);
  if (name) await expect(desk.options.first()).toContainText(name);
  await desk.search.press('Enter');
  // This person's record, not the one still shown from before (its buttons act on that person).
  await expect(desk.record.getByText(rut, { exact: true }).first()).toBeVisible();
}

async function signInAs(page: Page, user: string, password: string) {
  await signOut(page);
  await fillSignIn(page, user, password);
  await expect(page.getByText(/2\.000 personas/)).toBeVisible();
}

async function recordRequest(
  page: Page,
  right: string,
  detail: string,
): Promise<{ number: string }> {
  const dialog = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await dialog.getByLabel('Derecho que ejerce').selectOption({ label: right });
  await dialog.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Cédula de identidad exhibida',
  });
  await dialog.getByLabel('Qué pide exactamente').fill(detail);
  // A card is shown in person: on the phone (the default channel) the button waits and says so.
  const register = dialog.getByRole('button', { name: 'Registrar solicitud' });
  await expect(register).toBeDisabled();
  await expect(register).toHaveAccessibleDescription(/la cédula se exhibe en persona/);
  await dialog.getByLabel('Canal', { exact: true }).selectOption({ label: 'Presencial' });
  await register.click();
  await expect(dialog).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: /Solicitud SOL-/ });
  await expect(toast).toContainText('registrada. Plazo legal:');
  const number = /SOL-[0-9A-Z]{6}-\d{4}/.exec((await toast.textContent()) ?? '')![0];
  return { number };
}

/** Pedro's record, and its form to record a Ley 21.719 request. */
async function openPedrosRequestForm(desk: DeskPage) {
  await openPerson(desk, '12.345.678-5', PEDRO);
  await desk.record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  return desk.page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
}

test('an access request on a call: listed by deadline, exported, downloaded and read back; a block refuses changes', async ({
  desk,
}) => {
  test.setTimeout(120_000);
  const { page, record } = desk;
  await openPerson(desk, '12.345.678-5', PEDRO);

  // On the call: open it, then record the request from the call bar.
  const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
  await callbar.getByLabel('Motivo').selectOption({ label: 'Otro' });
  await callbar.getByRole('button', { name: /Abrir llamada/ }).click();
  await expect(callbar).toContainText('Llamada en curso');
  await callbar.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await expect(dialog).toContainText(PEDRO);
  await expectAccessible(page, 'registrar solicitud Ley 21.719');
  // Bad input: what is missing is said before submitting, and the button waits for it.
  const submit = dialog.getByRole('button', { name: 'Registrar solicitud' });
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveAccessibleDescription(
    'Falta: cómo se verificó la identidad y qué pide el titular (al menos 3 caracteres).',
  );
  await dialog.getByLabel('Qué pide exactamente').fill('Copia de todos sus datos personales');
  await expect(submit).toHaveAccessibleDescription('Falta: cómo se verificó la identidad.');
  await dialog.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Datos del registro comparados preguntando (por teléfono o en persona)',
  });
  await expect(submit).toHaveAccessibleDescription('Falta: 2 datos de identidad.');
  await expect(submit).toBeDisabled();
  await expectAccessible(page, 'solicitud incompleta: falta la verificación de identidad');
  const access = await recordRequest(page, 'Acceso', 'Copia de todos sus datos personales');
  await expect(record.getByRole('button', { name: `Ver ${access.number}` })).toBeVisible();

  // A blocking request for another person: due in 2 business days, so listed first. It stands
  // on her objection, recorded first (art. 11).
  await openPerson(desk, CAMILA_RUT);
  await record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  const objection = await recordRequest(page, 'Oposición', 'Que no usen su correo para avisos');
  await record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  const block = await recordRequest(
    page,
    'Bloqueo temporal del tratamiento',
    'Bloqueo mientras revisan su correo',
  );
  await expect(
    record.getByRole('alert').filter({ hasText: 'bloqueada temporalmente' }),
  ).toContainText(block.number);
  // And what to tell her while it lasts.
  await expect(
    record.getByRole('alert').filter({ hasText: 'bloqueada temporalmente' }),
  ).toContainText(`Dígale: ${dataRequestMessages.bannerSay(block.number)}`);

  // The supervisor's list, by deadline.
  await signInAs(page, 'supervisora', 'super600');
  await page.getByRole('button', { name: 'Ley 21.719' }).click();
  const list = page.getByRole('table');
  const rows = list.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toContainText(objection.number);
  await expect(rows.nth(1)).toContainText(block.number);
  await expect(rows.nth(1)).toContainText('Vence pronto');
  await expect(rows.nth(1)).toContainText('quedan 2 días hábiles');
  await expect(rows.nth(2)).toContainText(access.number);
  await expect(rows.nth(2)).toContainText('En plazo');
  // An access request's term is in calendar days, and so is what is left of it.
  await expect(rows.nth(2)).toContainText(/quedan \d+ días/);
  await expect(rows.nth(2)).not.toContainText('hábiles');
  await expect(rows.nth(2)).toContainText('Alicia Agente');
  await expectAccessible(page, 'solicitudes Ley 21.719 por plazo');
  await page.getByLabel('Derecho').selectOption({ label: 'Acceso' });
  await expect(rows).toHaveCount(2);

  // Export the access request and download both files.
  await rows
    .nth(1)
    .getByRole('button', { name: `Ver ${access.number}` })
    .click();
  const detail = page.getByRole('dialog', { name: `Solicitud ${access.number}` });
  await expect(detail).toContainText('Copia de todos sus datos personales');
  // Its agent by name, as the list says it, never by an internal id.
  await expect(detail).toContainText('AgenteAlicia Agente');
  await expect(detail).toContainText(
    'Sistema centralPendiente de envío: sale con la próxima sincronización',
  );
  await expect(detail).not.toContainText('agent-demo');
  await expectAccessible(page, 'detalle de la solicitud');
  await detail.getByRole('button', { name: 'Exportar datos (HTML y JSON)' }).click();
  await expect(page.getByRole('status')).toContainText('Exportación lista');
  const [htmlDownload] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByRole('button', { name: /Descargar informe \(HTML\)/ }).click(),
  ]);
  expect(htmlDownload.suggestedFilename()).toMatch(new RegExp(`^${access.number}-.*\\.html$`));
  const html = fs.readFileSync((await htmlDownload.path())!, 'utf8');
  expect(html).toContain(`Datos personales — solicitud ${access.number}`);
  expect(html).toContain(PEDRO);
  expect(html).toContain('12.345.678-5');
  expect(html).toContain('Registro de auditoría sobre el titular (en este equipo)');
  expect(html).toContain('cada equipo de la mesa guarda las suyas');
  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    detail.getByRole('button', { name: /Descargar datos \(JSON\)/ }).click(),
  ]);
  const bundle = JSON.parse(fs.readFileSync((await jsonDownload.path())!, 'utf8'));
  expect(bundle.request).toMatchObject({ number: access.number, right: 'access' });
  expect(bundle.person).toMatchObject({ rut: '12345678-5', givenNames: 'Pedro Andrés' });
  expect(bundle.generatedBy.displayName).toBe('Sara Supervisora');
  expect(bundle.auditEvents.map((e: { action: string }) => e.action)).toContain(
    'data_request.record',
  );
  // Both copies handed out are listed under the export: who took them, which file.
  const copies = detail.getByRole('list', { name: 'Copias descargadas' });
  await expect(copies.getByRole('listitem')).toHaveText([
    /Sara Supervisora · informe \(HTML\)$/,
    /Sara Supervisora · datos \(JSON\)$/,
  ]);
  await expect(page.getByRole('status')).toContainText('Copia descargada');
  await expectAccessible(page, 'exportación lista');
  // Answered: the export's files now have a date to leave this desk by themselves.
  await expect(detail).toContainText(
    'se eliminan solos de este equipo 30 días después de cerrar la solicitud',
  );
  await expect(detail.getByText(/Se eliminarán automáticamente/)).toHaveCount(0);
  // The one extension the law allows: its reason goes to the titular, so it is ticked as
  // understood before it goes; pressed before, it says so and goes to the box.
  await detail.getByRole('button', { name: 'Prorrogar 30 días' }).click();
  await detail
    .getByLabel('Motivo para prorrogar 30 días')
    .fill('Reunir los registros de las dos empresas');
  await detail.getByRole('button', { name: 'Confirmar' }).click();
  await expect(detail.getByRole('alert')).toHaveText(
    'Falta: marcar que entiende que la prórroga es una sola vez y que su motivo se le comunica al titular.',
  );
  const understood = detail.getByRole('checkbox', { name: /única prórroga de la solicitud/ });
  await expect(understood).toBeFocused();
  await understood.check();
  await detail.getByRole('button', { name: 'Confirmar' }).click();
  // The new deadline to tell the titular, beside the one it replaces (walk 60b L2).
  await expect(page.getByRole('status')).toContainText(
    new RegExp(
      `^Solicitud ${access.number}: Prorrogada\\. Nuevo plazo: \\d\\d-\\d\\d-\\d{4} \\(antes \\d\\d-\\d\\d-\\d{4}\\); comuníqueselo al titular con su motivo\\.$`,
    ),
  );
  await expect(detail.getByRole('button', { name: 'Prorrogar 30 días' })).toHaveCount(0);
  const answer = detail.getByRole('button', { name: 'Marcar respondida' });
  await answer.click();
  // The chosen change shows as chosen, and its reason's field names it.
  await expect(answer).toHaveAttribute('aria-pressed', 'true');
  const answerReason = detail.getByLabel('Motivo para marcar respondida (opcional)');
  await expect(answerReason).toBeVisible();
  // Its reason takes the focus, where the agent writes next.
  await expect(answerReason).toBeFocused();
  // Given up with «Cancelar», the change takes its reason with it: chosen again, it is empty.
  await answerReason.fill('Nota que no va');
  await detail.getByRole('button', { name: 'Cancelar' }).click();
  await expect(answerReason).toHaveCount(0);
  // The focus goes back to the button that chose it, not out of the dialog.
  await expect(answer).toBeFocused();
  await answer.click();
  await expect(answerReason).toHaveValue('');
  await detail.getByRole('button', { name: 'Confirmar' }).click();
  await expect(page.getByRole('status')).toContainText(`Solicitud ${access.number}: Respondida`);
  // The confirmation is gone: the new state has the focus, not the page behind the dialog.
  await expect(detail.getByLabel('Estado: Respondida')).toBeFocused();
  // When it was answered, and whether within its term: what a closed request is judged by.
  await expect(detail).toContainText(/Cerrada · respondida el \d{2}-\d{2}-\d{4}, dentro del plazo/);
  await expect(
    detail.getByText(
      /^Se eliminarán automáticamente de este equipo a partir del \d{2}-\d{2}-\d{4} \d{2}:\d{2}\.$/,
    ),
  ).toBeVisible();
  // Delivered: its files removed from this desk, after a confirmation; the row says who and when.
  const deleteButton = detail.getByRole('button', { name: 'Eliminar archivos' });
  const confirm = detail.getByRole('group', { name: 'Eliminar archivos' });
  // Cancelled first, with «Cancelar» and with Esc (which leaves the dialog open): the focus goes
  // to «Cancelar», and back to the button.
  for (const key of ['Enter', 'Escape']) {
    await deleteButton.click();
    await expect(confirm.getByRole('button', { name: 'Cancelar' })).toBeFocused();
    await page.keyboard.press(key);
    await expect(confirm).toHaveCount(0);
    await expect(deleteButton).toBeFocused();
  }
  await expect(detail).toBeVisible();
  await deleteButton.click();
  await expect(confirm).toContainText('Las copias ya descargadas no se ven afectadas');
  await expectAccessible(page, 'confirmar la eliminación');
  await confirm.getByRole('button', { name: 'Eliminar', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Archivos de la exportación eliminados');
  await expect(detail.getByText(/Archivos eliminados el .* por Sara Supervisora\./)).toBeFocused();
  await expect(detail.getByRole('button', { name: /Descargar/ })).toHaveCount(0);
  await detail.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect(detail).toHaveCount(0);

  // The blocked person, from the list (her name opens her record): the banner, changes refused,
  // a second block refused.
  await page.getByRole('button', { name: 'Ley 21.719' }).click();
  await page.getByLabel('Derecho').selectOption({ label: 'Todos' });
  await page
    .getByRole('table')
    .getByRole('button', { name: /^Ver la ficha de Camila/ })
    .first()
    .click();
  await expect(record.getByText(CAMILA_RUT, { exact: true }).first()).toBeVisible();
  await expect(record).toBeFocused();
  await expect(
    record.getByRole('alert').filter({ hasText: 'bloqueada temporalmente (Ley 21.719)' }),
  ).toContainText(block.number);
  const edit = record.getByRole('button', { name: 'Editar contacto' });
  await expect(edit).toBeDisabled();
  await expect(
    record.getByText('La persona tiene un bloqueo de sus datos (Ley 21.719)').first(),
  ).toBeVisible();
  // Said once in her company's row, not beside each of its waiting buttons nor under the table.
  const row = record
    .locator('tr[data-company-rut]')
    .filter({ has: page.getByRole('button', { name: 'Inhabilitar' }) });
  const companies = record.locator('table:has(tr[data-company-rut])');
  await expect(
    companies.getByText('La persona tiene un bloqueo de sus datos (Ley 21.719)'),
  ).toHaveCount(1);
  await expect(row.getByText('La persona tiene un bloqueo de sus datos (Ley 21.719)')).toHaveCount(
    1,
  );
  await expect(
    record.getByText(/^«Cambiar perfil» en .*: La persona tiene un bloqueo/),
  ).toHaveCount(0);
  // Each waiting button still reads why: they point to the row's one note.
  for (const name of ['Inhabilitar', 'Cambiar perfil']) {
    await expect(row.getByRole('button', { name })).toHaveAccessibleDescription(
      /La persona tiene un bloqueo de sus datos/,
    );
  }
  await expectAccessible(page, 'ficha bloqueada');
  // In a short window the form scrolls: what still stops it, at its foot, stays in sight.
  await page.setViewportSize({ width: 1280, height: 560 });
  await record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  const again = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await again
    .getByLabel('Derecho que ejerce')
    .selectOption({ label: 'Bloqueo temporal del tratamiento' });
  await again.getByLabel('Canal', { exact: true }).selectOption({ label: 'Presencial' });
  await again.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Cédula de identidad exhibida',
  });
  await again.getByLabel('Qué pide exactamente').fill('Otra vez el bloqueo');
  // Said as the right is chosen, before anything is sent (walk 58b), and the button waits.
  await expect(again).toContainText(
    `La persona ya está bloqueada por la solicitud ${block.number}`,
  );
  const register = again.getByRole('button', { name: 'Registrar solicitud' });
  await expect(register).toHaveAccessibleDescription(
    `Falta: que no esté ya bloqueada (lo está por ${block.number}).`,
  );
  await expect(register).toBeDisabled();
  await expect(again.locator('.dialog-missing')).toBeInViewport({ ratio: 1 });
  await expectAccessible(page, 'segundo bloqueo rechazado');
  await again.getByRole('button', { name: 'Cancelar' }).click();

  // Unblocking ends it: the banner goes, the edit is available again.
  await record.getByRole('button', { name: `Ver ${block.number}` }).click();
  const blockDetail = page.getByRole('dialog', { name: `Solicitud ${block.number}` });
  // It opens on its title, where its facts begin (its first control is far below them).
  await expect(blockDetail.getByRole('heading', { level: 2 })).toBeFocused();
  // A denial needs a reason: said beside the change being made, not at the dialog's foot.
  await blockDetail.getByRole('button', { name: 'Denegar' }).click();
  await blockDetail.getByRole('button', { name: 'Confirmar' }).click();
  const moveForm = blockDetail.locator('.field').filter({
    has: page.getByLabel('Motivo para denegar'),
  });
  // In the field's own words, before anything is sent (the server's said «del cambio»).
  await expect(moveForm.getByRole('alert')).toHaveText(
    'Falta: motivo para denegar, de al menos 3 caracteres.',
  );
  // The focus stays in the dialog, on what there is to mend.
  await expect(blockDetail.getByLabel('Motivo para denegar')).toBeFocused();
  // A denial is reasoned, and the titular told where to complain (art. 11).
  await expect(blockDetail.getByLabel('Motivo para denegar')).toHaveAccessibleDescription(
    dataRequestMessages.denyNote,
  );
  // Answering it would leave the block in force: said before confirming, not discovered after.
  await blockDetail.getByRole('button', { name: 'Marcar respondida' }).click();
  await expect(blockDetail.getByText(dataRequestMessages.answerKeepsBlock)).toBeVisible();
  await expect(
    blockDetail.getByLabel(/^Motivo para marcar respondida/),
  ).toHaveAccessibleDescription(dataRequestMessages.answerKeepsBlock);
  await blockDetail.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(blockDetail.getByText(dataRequestMessages.answerKeepsBlock)).toHaveCount(0);
  await expect(blockDetail.getByRole('alert')).toHaveCount(0);
  await blockDetail.getByLabel('Motivo del desbloqueo').fill('Rectificación resuelta');
  // Ctrl+Enter in the reason confirms, as in every dialog.
  await blockDetail.getByLabel('Motivo del desbloqueo').press('Control+Enter');
  await expect(page.getByRole('status')).toContainText(
    `Bloqueo de la solicitud ${block.number} terminado`,
  );
  // The request says when its block held; still open, it is answered within its term.
  await expect(blockDetail).toContainText(
    /Bloqueo temporal del .* al .*: ya no está vigente\. La solicitud se responde igual dentro de su plazo\./,
  );
  await blockDetail.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect(
    record.getByRole('alert').filter({ hasText: 'bloqueada temporalmente' }),
  ).toHaveCount(0);
  await expect(edit).toBeEnabled();
});

test('under a block the record offers no mail the desk may not send, and says the portal’s own way', async ({
  desk,
}) => {
  const { page, record } = desk;
  // Ricardo: nothing keeps him out (only tips), so the record says so and offers a reset mail.
  await openPerson(desk, '12.131.415-0', 'Ricardo');
  const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
  const clear = diagnosis.locator('.cause-ok');
  await expect(clear).toContainText(noCauseText.say);
  await expect(clear.getByRole('button')).toHaveCount(1);
  // His objection, and the block on it.
  await record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  await recordRequest(page, 'Oposición', 'Que no usen su correo para avisos');
  await record.getByRole('button', { name: 'Solicitud Ley 21.719' }).click();
  await recordRequest(page, 'Bloqueo temporal del tratamiento', 'Bloqueo mientras se decide');
  // An ACHS caller is sent to ACHS Gestión's own button (seed 000), not Los Héroes'.
  await expect(clear).toContainText(noCauseText.sayBlocked('achs_gestion'));
  await expect(clear).toContainText('«¿Olvidaste tu contraseña?»');
  await expect(clear.getByRole('button')).toHaveCount(0);
});

test('a request that arrived by mail days ago is dated that day: the form says the deadline it gets', async ({
  desk,
}) => {
  const { page } = desk;
  const dialog = await openPedrosRequestForm(desk);
  // On the phone it is received now: no date to give.
  await expect(dialog.getByLabel(dataRequestMessages.receivedOn)).toHaveCount(0);
  await dialog.getByLabel('Canal', { exact: true }).selectOption({ label: 'Correo' });
  const received = dialog.getByLabel(dataRequestMessages.receivedOn);
  const today = santiagoDate(new Date());
  await expect(received).toHaveValue(formatDay(today));
  const arrived = addCalendarDays(today, -3);
  await received.fill(formatDay(arrived));
  await expect(dialog).toContainText(
    dataRequestMessages.dueWouldBe(formatDay(firstDueDate('access', arrived))),
  );
  // A day to come is said, and the button waits.
  await received.fill(formatDay(addCalendarDays(today, 1)));
  await expect(dialog.getByRole('button', { name: 'Registrar solicitud' })).toBeDisabled();
  await expect(received).toHaveAttribute('aria-invalid', 'true');
  // A day no calendar has is said as that, not as a date written the wrong way.
  await received.fill('31-02-2026');
  await expect(
    dialog.getByRole('button', { name: 'Registrar solicitud' }),
  ).toHaveAccessibleDescription(/una fecha de recepción que exista \(el 31-02-2026 no existe\)/);
  // Long ago: most likely the year mistyped. Recorded with that day only once confirmed true,
  // its term already run — never with another day.
  const longAgo = addCalendarDays(today, -40);
  await received.fill(formatDay(longAgo));
  await expect(
    dialog.getByRole('button', { name: 'Registrar solicitud' }),
  ).toHaveAccessibleDescription(/o que marque que de verdad llegó ese día \(revise el año\)/);
  await dialog.getByLabel(dataRequestMessages.lateConfirm(30)).check();
  await expect(dialog).toContainText(
    dataRequestMessages.dueWouldBe(formatDay(firstDueDate('access', longAgo))),
  );
  // Its term, counted from then, is over: said by the date computed (walk 60b M2).
  const passed = dataRequestMessages.duePassed(formatDay(firstDueDate('access', longAgo)), false);
  await expect(dialog.getByRole('note').filter({ hasText: passed })).toBeVisible();
  await expect(
    dialog.getByRole('button', { name: 'Registrar solicitud' }),
  ).not.toHaveAccessibleDescription(/fecha de recepción/);
  await received.fill(formatDay(arrived));
  await expect(dialog.getByLabel(dataRequestMessages.lateConfirm(30))).toHaveCount(0);
  await expect(dialog.getByText(/su plazo legal ya venció/)).toHaveCount(0);
  await dialog.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Documento con firma electrónica avanzada',
  });
  await dialog.getByLabel('Qué pide exactamente').fill('Copia de sus datos, pedida por correo');
  await expectAccessible(page, 'solicitud por correo con su fecha de recepción');
  await dialog.getByRole('button', { name: 'Registrar solicitud' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Solicitud SOL-/ })).toContainText(
    `Plazo legal: ${formatDay(firstDueDate('access', arrived))}`,
  );
});

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the request form is taller than the window, and its buttons stay in sight while it scrolls', async ({
    desk,
  }) => {
    const { page } = desk;
    const dialog = await openPedrosRequestForm(desk);
    // The identity facts make it the tallest it gets.
    await dialog.getByLabel('Cómo se verificó la identidad').selectOption({
      label: 'Datos del registro comparados preguntando (por teléfono o en persona)',
    });
    const scrolls = await dialog.evaluate((box) => box.scrollHeight > box.clientHeight);
    expect(scrolls).toBe(true);
    const submit = dialog.getByRole('button', { name: 'Registrar solicitud' });
    const why = dialog.getByText(/^Falta: /);
    for (const at of ['top', 'middle'] as const) {
      await dialog.evaluate((box, where) => {
        box.scrollTop = where === 'top' ? 0 : (box.scrollHeight - box.clientHeight) / 2;
      }, at);
      for (const shown of [submit, why]) {
        const box = (await shown.boundingBox())!;
        const frame = (await dialog.boundingBox())!;
        expect(box.y + box.height, `${at}: ${await shown.textContent()}`).toBeLessThanOrEqual(
          frame.y + frame.height,
        );
        expect(box.y + box.height).toBeLessThanOrEqual(720);
      }
    }
    await expectAccessible(page, 'solicitud Ley 21.719 a 1280×720');
  });
});

test('a request registered from the Ley 21.719 list by the titular RUT: a wrong RUT is said, the form opens with her facts', async ({
  desk,
}) => {
  const { page } = desk;
  await page.getByRole('button', { name: 'Ley 21.719' }).click();
  // An agent's list is of his own requests: «none» would not be true of the desk's.
  await expect(page.getByText(dataRequestMessages.noneYetAgent)).toBeVisible();
  const form = page.getByRole('form', { name: 'Registrar una solicitud' });
  const rut = form.getByLabel('RUT del titular');
  const open = form.getByRole('button', { name: 'Registrar solicitud…' });

  // Nothing typed, a wrong check digit, a RUT nobody has here: each said, the field kept.
  await open.click();
  await expect(form.getByRole('alert')).toHaveText('Escriba el RUT del titular.');
  await rut.fill('12.345.678-9');
  await rut.press('Enter');
  await expect(form.getByRole('alert')).toContainText(
    'con esos números el dígito verificador sería 5, no 9',
  );
  await expect(rut).toBeFocused();
  await expect(rut).toHaveValue('12.345.678-9');
  await rut.fill('4.444.444-5');
  await rut.press('Enter');
  await expect(form.getByRole('alert')).toContainText(
    'El sistema no tiene a nadie con el RUT 4.444.444-5. Revise el RUT con el titular',
  );
  await expectAccessible(page, 'registrar solicitud desde la lista: RUT sin persona');
  // A company's RUT is nobody's data: said so.
  await rut.fill('76.543.210-3');
  await rut.press('Enter');
  await expect(form.getByRole('alert')).toContainText(
    'El RUT 76.543.210-3 es de una empresa: una solicitud Ley 21.719 es de una persona',
  );

  // The digits alone, as a caller dictates them: the record's own form, with her name.
  await rut.fill('12345678');
  await rut.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await expect(dialog).toContainText(PEDRO);
  const { number } = await recordRequest(page, 'Acceso', 'Copia de sus datos personales');
  // Back in the field, empty for the next one; the list now holds it.
  await expect(rut).toBeFocused();
  await expect(rut).toHaveValue('');
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText(PEDRO);
  await expect(row).toContainText('En plazo');
  await row.getByRole('button', { name: `Ver la ficha de ${PEDRO}` }).click();
  await expect(desk.record.getByText('12.345.678-5', { exact: true }).first()).toBeVisible();
});

test('someone the system holds nothing of still gets a request: recorded with the name they give, answered in words', async ({
  desk,
}) => {
  const { page } = desk;
  await page.getByRole('button', { name: 'Ley 21.719' }).click();
  const form = page.getByRole('form', { name: 'Registrar una solicitud' });
  const rut = form.getByLabel('RUT del titular');
  await rut.fill('4.444.444-5');
  await rut.press('Enter');
  await expect(form.getByRole('alert')).toContainText(
    'Si el RUT es ese, la solicitud igual se registra y se responde',
  );
  // Another RUT typed: the offer goes with the message it followed.
  const without = form.getByRole('button', { name: 'Registrar sin ficha…' });
  await expect(without).toBeVisible();
  await rut.press('End');
  await rut.press('Backspace');
  await expect(without).toHaveCount(0);
  await rut.fill('4.444.444-5');
  await rut.press('Enter');
  await without.click();

  const dialog = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await expect(dialog).toContainText(dataRequestMessages.withoutRecord.note);
  await expect(dialog).toContainText('4.444.444-5');
  // Nothing to block, no registered facts to compare.
  await expect(dialog.getByLabel('Derecho que ejerce').locator('option')).not.toContainText([
    'Bloqueo temporal',
  ]);
  await expect(
    dialog.getByLabel('Cómo se verificó la identidad').locator('option', { hasText: /registro/ }),
  ).toHaveCount(0);
  const register = dialog.getByRole('button', { name: 'Registrar solicitud' });
  await dialog.getByLabel('Canal', { exact: true }).selectOption({ label: 'Presencial' });
  await dialog.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Cédula de identidad exhibida',
  });
  await dialog.getByLabel('Qué pide exactamente').fill('Quiere saber qué datos suyos tienen');
  await expect(register).toHaveAccessibleDescription(/el nombre completo del titular/);
  await dialog.getByLabel('Nombre completo del titular').fill('Ana María Soto Pérez');
  await expectAccessible(page, 'solicitud de alguien sin ficha');
  await register.click();
  await expect(dialog).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: /Solicitud SOL-/ });
  const number = /SOL-[0-9A-Z]{6}-\d{4}/.exec((await toast.textContent()) ?? '')![0];
  await expect(rut).toBeFocused();

  // Listed with the name given, nothing to open; its detail answers in words, no export.
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Ana María Soto Pérez');
  await expect(row).toContainText('Sin ficha');
  await expect(row.getByRole('button', { name: /Ver la ficha/ })).toHaveCount(0);
  await row.getByRole('button', { name: `Ver ${number}` }).click();
  const detail = page.getByRole('dialog', { name: `Solicitud ${number}` });
  await expect(detail).toContainText(dataRequestMessages.withoutRecord.answer);
  await expect(detail.getByRole('button', { name: /Exportar/ })).toHaveCount(0);
  await expectAccessible(page, 'detalle de una solicitud sin ficha');
});
