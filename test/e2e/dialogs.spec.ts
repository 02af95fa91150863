/**
 * The action dialogs and the buttons that open them, as an agent at the keyboard meets them:
 * a disabled button says why in visible text, the identity check carries the facts it asks
 * about, contact fields read and accept the usual forms, a dismissal is confirmed by name, and
 * the focus stays in the dialog and comes back to where it was.
 */
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { askedBy, expect, test, type DeskPage } from './fixtures';

const PEDRO = 'Pedro Andrés González Muñoz';
const ANDES = 'Constructora Los Andes SpA';

/** Pedro's record, and the diagnosis's «Desbloquear» dialog with its identity check. */
async function openPedroUnlock(desk: DeskPage) {
  await open(desk, '12.345.678-5', PEDRO);
  await desk.record
    .getByRole('region', { name: '¿Por qué no puede ingresar?' })
    .getByRole('button', { name: 'Desbloquear' })
    .click();
  const dialog = desk.page.getByRole('dialog', { name: 'Desbloquear acceso a ACHS Gestión' });
  return { dialog, identity: dialog.getByRole('group', { name: /Verificación de identidad/ }) };
}

async function open(desk: DeskPage, rut: string, name: string) {
  await desk.find(rut);
  await expect(desk.options.first()).toContainText(name);
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** The dialog fits the window: its last line (the confirm button) can be reached without scrolling the page. */
async function expectFits(page: Page, dialog: Locator) {
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
}

test.describe('as an agent', () => {
  test.use({ user: 'agente' });

  test('a denied button says why in visible text tied to it', async ({ desk }) => {
    const { page, record } = desk;
    await open(desk, '12.345.678-5', PEDRO);
    const reason =
      'Cambiar perfiles desde esta mesa es de un supervisor (o de un agente que sea administrador de accesos de esa empresa): pídaselo a su supervisor. El administrador de accesos de la empresa también puede cambiarlos en su portal.';
    const button = record.getByRole('button', { name: 'Cambiar perfil' });
    await expect(button).toBeDisabled();
    // The row's company, then why it waits.
    await expect(button).toHaveAccessibleDescription(`${ANDES} ${reason}`);
    // Said once under the companies, not beside the button in every row.
    await expect(record.getByRole('row', { name: new RegExp(ANDES) })).not.toContainText(reason);
    await expect(record.getByText(reason)).toHaveCount(1);
    await expect(record.getByText(reason)).toBeVisible();
    // No hover-only tooltip left behind.
    await expect(button).not.toHaveAttribute('title');
    await expectAccessible(page, 'ficha con un botón denegado');
  });

  test('the central address, closed to agents, says why to whoever reaches it', async ({
    desk,
  }) => {
    const { page } = desk;
    await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
    const reason = 'Solo un supervisor puede cambiar la dirección del sistema central.';
    const save = page.getByRole('button', { name: 'Guardar' });
    await expect(save).toBeDisabled();
    await expect(save).toHaveAccessibleDescription(reason);
    await expect(page.getByText(reason)).toBeVisible();
    await expectAccessible(page, 'sincronización vista por un agente');
  });

  test('a diagnosis fix on cool-down says until when, visibly', async ({ desk }) => {
    const { page, record } = desk;
    await open(desk, '18.765.432-7', 'Francisca Javiera Silva Araya');
    const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    const fix = diagnosis.getByRole('button', { name: 'Reenviar: Creación de contraseña' });
    await fix.click();
    const dialog = page.getByRole('dialog');
    await expectAccessible(page, 'diálogo de reenvío');
    await dialog.getByRole('button', { name: 'Reenviar' }).click();
    await expect(page.getByRole('status')).toHaveText('Correo pedido: se enviará en breve.');
    await expect(fix).toBeDisabled();
    // Still on this desk (no central API here): said as asked for, not as sent.
    const cooldown =
      /^Se pidió hace poco y aún no sale: sale en cuanto el sistema central reciba la acción\. Podrá pedirse otra vez a las \d{2}:\d{2}\.$/;
    await expect(fix).toHaveAccessibleDescription(cooldown);
    await expect(diagnosis.getByText(cooldown)).toBeVisible();
    // The same reason beside the record's own resend button.
    const resend = record
      .getByRole('row')
      .getByRole('button', { name: 'Reenviar: Creación de contraseña' });
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveAccessibleDescription(cooldown);
    await expectAccessible(page, 'ficha con reenvío en espera');

    // «No me llega»: her address was wrong. Corrected, the link may go to the right one at once.
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const edit = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await edit.getByLabel('Correo', { exact: true }).fill('francisca.silva@empresa.cl');
    const identity = edit.getByRole('group', { name: /Verificación de identidad/ });
    await identity.getByRole('checkbox', { name: /N° de serie/ }).check();
    await identity.getByRole('checkbox', { name: /celular/ }).check();
    await edit.getByLabel('Motivo').fill('Su correo estaba mal escrito');
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await expect(edit).toHaveCount(0);
    await expect(resend).toBeEnabled();
    await expect(fix).toBeEnabled();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    test(`the identity check shows what to compare, and only facts the system holds (${viewport.width}×${viewport.height})`, async ({
      desk,
    }) => {
      const { page } = desk;
      await page.setViewportSize(viewport);
      const { dialog, identity } = await openPedroUnlock(desk);
      await expect(identity.getByRole('checkbox')).toHaveCount(4);
      await expect(
        identity.getByRole('checkbox', { name: /N° de serie de la cédula.*••••••746/ }),
      ).toBeVisible();
      await expect(
        identity.getByRole('checkbox', { name: /celular registrado.*\+56 9 •••• 4321/ }),
      ).toBeVisible();
      await expect(
        identity.getByRole('checkbox', { name: /Correo registrado.*p•••@g•••\.com/ }),
      ).toBeVisible();
      await expect(identity.getByRole('checkbox', { name: new RegExp(ANDES) })).toBeVisible();
      await expect(dialog).not.toContainText('Fecha de nacimiento');
      // The unmasked values are nowhere in the dialog.
      await expect(dialog).not.toContainText('519283746');
      await expect(dialog).not.toContainText('pedro.gonzalez');
      await expectFits(page, dialog);
      await expectAccessible(page, `diálogo de desbloqueo ${viewport.width}×${viewport.height}`);

      const confirm = dialog.getByRole('button', { name: 'Desbloquear' });
      await expect(confirm).toBeDisabled();
      await expect(confirm).toHaveAccessibleDescription('Falta: 2 datos de identidad.');
      await identity.getByRole('checkbox', { name: /N° de serie/ }).check();
      // What is left, not what is required: one more.
      await expect(confirm).toHaveAccessibleDescription('Falta: 1 dato de identidad.');
      // Pressed too soon, it takes the agent to a fact still unticked, not the one ticked.
      await confirm.press('Enter');
      await expect(identity.getByRole('checkbox', { name: /celular registrado/ })).toBeFocused();
      await identity.getByRole('checkbox', { name: /Correo registrado/ }).check();
      await confirm.click();
      await expect(page.getByRole('status')).toHaveText('Cuenta desbloqueada.');
    });
  }

  test('a person without e-mail is not asked for one', async ({ desk }) => {
    const { page, record } = desk;
    await open(desk, '9.876.543-3', 'Ana Sofía Pérez Núñez');
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    const identity = dialog.getByRole('group', { name: /Verificación de identidad/ });
    await expect(identity.getByRole('checkbox')).toHaveCount(3);
    await expect(identity).not.toContainText('Correo registrado');
    await expect(dialog).not.toContainText('Fecha de nacimiento');
    // She has no active portal account: no confirmation link will go to the e-mail she gives.
    await expect(dialog).toContainText(
      'No se le enviará un enlace para confirmarlo: aún no tiene una cuenta activa en un portal.',
    );
    await expect(dialog).not.toContainText('el enlace que recibirá');
    await expectAccessible(page, 'diálogo de contacto sin correo');
  });

  test('contact form: the example is not the error, the phone reads as elsewhere, nothing jumps', async ({
    desk,
  }) => {
    const { page, record } = desk;
    await open(desk, '12.345.678-5', PEDRO);
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    const phone = dialog.getByLabel('Celular', { exact: true });
    await expect(phone).toHaveValue('+56 9 8765 4321');
    // Pedro's accounts are active: a new e-mail is confirmed from the link each one sends.
    await expect(dialog).toContainText(
      'la persona deberá confirmarlo desde el enlace que recibirá',
    );
    // Nothing changed yet: «Guardar» says so, rather than «No hay cambios que guardar» after.
    await expect(dialog.getByRole('button', { name: 'Guardar' })).toHaveAccessibleDescription(
      'Falta: un correo o celular distinto del registrado y un motivo de al menos 3 caracteres.',
    );

    // The identity block is there before the e-mail changes, and the fields stay put after.
    const identity = dialog.getByRole('group', { name: /Verificación de identidad/ });
    await expect(identity).toBeVisible();
    const reason = dialog.getByLabel('Motivo');
    const before = await reason.boundingBox();
    const email = dialog.getByLabel('Correo', { exact: true });
    await email.fill('pedro.nuevo@correo.cl');
    const after = await reason.boundingBox();
    expect(after?.y).toBe(before?.y);

    await email.fill('pedro.nuevo');
    await expect(dialog.getByText('Falta la @: por ejemplo nombre@dominio.cl.')).toBeVisible();
    await email.fill('pedro gonzalez@gmail.com');
    await expect(
      dialog.getByText('Un correo no lleva espacios: revise lo que escribió.'),
    ).toBeVisible();
    await email.fill('pedro.nuevo@');
    const error = dialog.getByText('Escriba un correo válido, por ejemplo nombre@dominio.cl.');
    await expect(error).toBeVisible();
    await expect(email).toHaveAccessibleDescription(
      'Escriba un correo válido, por ejemplo nombre@dominio.cl.',
    );
    await expect(dialog).not.toContainText('Correo no válido');
    await expectAccessible(page, 'diálogo de contacto con correo inválido');
    // A typo a mailer would read as two addresses, or the browser's own objections: the desk's
    // words, not the browser's English bubble, and nothing saved.
    for (const typo of ['pedro,gonzalez@gmail.com', 'pedro@gmail..com', '.pedro@gmail.com']) {
      await email.fill(typo);
      await expect(error).toBeVisible();
      // Enter sends the form: the desk says what is missing (the browser's bubble would stop
      // it before the desk could).
      await email.press('Enter');
      await expect(dialog.getByRole('alert')).toContainText('Falta');
      await expect(dialog).toBeVisible();
    }
    await email.fill('pedro.gonzalez@gmail.com');

    // A pasted reason past its limit is cut where the box stops, and the dialog says so.
    await reason.fill('x'.repeat(600));
    await expect(reason).toHaveValue('x'.repeat(500));
    await expect(dialog).toContainText(
      'Llegó al máximo de 500 caracteres: lo que siga no se agrega.',
    );
    await reason.fill('');
    await expect(dialog).not.toContainText('Llegó al máximo');

    // Any usual form of a mobile is accepted and shown grouped.
    await phone.fill('9 1111 2222');
    await reason.fill('Cambió de número');
    await expect(phone).toHaveValue('+56 9 1111 2222');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText('Datos de contacto actualizados.');
    await expect(record.getByText('+56 9 1111 2222')).toBeVisible();
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    test(`a dismissal needs an explicit confirmation naming the person and the company (${viewport.width}×${viewport.height})`, async ({
      desk,
    }) => {
      const { page, record } = desk;
      await page.setViewportSize(viewport);
      await open(desk, '12.345.678-5', PEDRO);
      await record
        .getByRole('row', { name: new RegExp(ANDES) })
        .getByRole('button', { name: 'Registrar baja' })
        .click();
      // The company's decision (rule 7): asked by who of the company calls, on its page.
      const dialog = page.getByRole('dialog', { name: `Registrar la baja de ${PEDRO}` });
      await askedBy(dialog, 'Ricardo Alberto Muñoz Vidal · Representante legal');
      await dialog.getByLabel('Motivo').fill('La empresa informó el término del contrato');
      const confirm = dialog.getByRole('button', { name: 'Registrar baja' });
      await expect(confirm).toHaveAccessibleDescription('Falta: confirmar la baja.');
      await expectFits(page, dialog);
      await expectAccessible(page, `diálogo de baja ${viewport.width}×${viewport.height}`);
      await dialog
        .getByRole('checkbox', { name: `Confirmo la baja de ${PEDRO} en ${ANDES}` })
        .check();
      await expect(confirm).not.toHaveAccessibleDescription(/Falta/);
      await confirm.click();
      await expect(page.getByRole('status')).toHaveText(`Baja de ${PEDRO} registrada.`);
    });
  }

  test('a mobile changed elsewhere while the dialog is open stops being offered as proof', async ({
    desk,
  }) => {
    const { page } = desk;
    const { dialog, identity } = await openPedroUnlock(desk);
    const mobile = identity.getByRole('checkbox', { name: /celular registrado/ });
    await identity.getByRole('checkbox', { name: /N° de serie de la cédula/ }).check();
    await mobile.check();
    // Another tab of this desk changes his mobile meanwhile.
    const changed = await page.evaluate(async () => {
      // As another tab of this web door would: the same channels, with this tab's key.
      const call = async (channel: string, input: unknown) => {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${sessionStorage.getItem('mesa.webToken')}`,
          },
          body: JSON.stringify(input),
        });
        return (await response.json()) as { ok: boolean; value: { version: number } };
      };
      const now = await call('persons.get', { rut: '12345678-5', via: 'reload' });
      return call('contact.edit', {
        rut: '12345678-5',
        phone: '+56931313131',
        reason: 'Cambio desde otra pestaña',
        identityCheck: [],
        expectedVersion: now.value.version,
      });
    });
    expect(changed.ok).toBe(true);
    await dialog.getByRole('button', { name: 'Desbloquear' }).click();
    // Refused, saying why; the fact and its tick are gone from the dialog, which stays open.
    await expect(dialog.getByRole('alert')).toContainText('cambió hace poco');
    await expect(mobile).toHaveCount(0);
    await expect(
      identity.getByRole('checkbox', { name: /N° de serie de la cédula/ }),
    ).toBeChecked();
    await identity.getByRole('checkbox', { name: /Correo registrado/ }).check();
    await dialog.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('the focus stays in the dialog and comes back to the button that opened it', async ({
    desk,
  }) => {
    const { page, record } = desk;
    await open(desk, '12.345.678-5', PEDRO);
    const opener = record.getByRole('button', { name: 'Editar contacto' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await expect(dialog).toBeVisible();
    // Tab and Shift+Tab go round inside the dialog, never to the record behind it.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      await expect(dialog.locator(':focus')).toHaveCount(1);
    }
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      await expect(dialog.locator(':focus')).toHaveCount(1);
    }
    // The window's shortcuts stand aside while a dialog is open: Ctrl+K starts no new search.
    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(':focus')).toHaveCount(1);
    // Esc closes the dialog only; the record beneath stays open.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(record).toBeVisible();
    await expect(opener).toBeFocused();

    // Cancel gives it back too.
    await opener.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
    await expect(opener).toBeFocused();

    // After an unlock the button is gone: the focus lands on the record, not on the page body.
    await record
      .getByRole('region', { name: '¿Por qué no puede ingresar?' })
      .getByRole('button', { name: 'Desbloquear' })
      .click();
    const unlock = page.getByRole('dialog', { name: 'Desbloquear acceso a ACHS Gestión' });
    await unlock.getByRole('checkbox', { name: /N° de serie/ }).check();
    await unlock.getByRole('checkbox', { name: /celular registrado/ }).check();
    await unlock.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(page.getByRole('status')).toHaveText('Cuenta desbloqueada.');
    await expect(record).toBeFocused();
  });

  test('what was typed in a dialog is not lost to a stray click or a reload', async ({ desk }) => {
    const { page, record } = desk;
    await open(desk, '12.345.678-5', PEDRO);
    const opener = record.getByRole('button', { name: 'Editar contacto' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    const overlay = page.locator('.overlay');
    const outside = async () => {
      const box = (await overlay.boundingBox())!;
      await page.mouse.click(box.x + 5, box.y + 5);
    };
    // Nothing typed yet: a click outside closes it, and a reload asks nothing.
    await outside();
    await expect(dialog).toHaveCount(0);

    await opener.click();
    await dialog.getByLabel('Motivo').fill('Llamó para corregir su correo');
    // Typed in: a click outside leaves it open, with the text.
    await outside();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Motivo')).toHaveValue('Llamó para corregir su correo');
    // A reload asks first; staying keeps the dialog and the text.
    const asked: string[] = [];
    page.once('dialog', (question) => {
      asked.push(question.type());
      void question.dismiss();
    });
    await page.evaluate(() => location.reload());
    await expect.poll(() => asked).toEqual(['beforeunload']);
    await expect(dialog.getByLabel('Motivo')).toHaveValue('Llamó para corregir su correo');
    // Emptied again (as a dialog clears a reason once it is saved), it holds nothing to lose.
    await dialog.getByLabel('Motivo').fill('');
    await outside();
    await expect(dialog).toHaveCount(0);
    // Esc with text typed first says it would be lost; typing again takes the warning back, and
    // a second Esc in a row closes it, text and all; then a reload asks nothing.
    await opener.click();
    await dialog.getByLabel('Motivo').fill('Otra vez');
    await page.keyboard.press('Escape');
    const warning = dialog.getByRole('alert');
    await expect(warning).toHaveText(
      'Lo que escribió se perderá. Pulse Esc otra vez para cerrar sin guardar, o siga escribiendo.',
    );
    await expect(dialog.getByLabel('Motivo')).toHaveValue('Otra vez');
    await dialog.getByLabel('Motivo').press('!');
    await expect(warning).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(warning).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
    page.once('dialog', (question) => {
      asked.push(question.type());
      void question.accept();
    });
    await page.reload();
    await expect(desk.search).toBeVisible();
    expect(asked).toEqual(['beforeunload']);
  });
});

test.describe('as a supervisor', () => {
  test.use({ user: 'supervisora' });

  test('the profile select is named by its label alone', async ({ desk }) => {
    const { page, record } = desk;
    await open(desk, '12.345.678-5', PEDRO);
    await record.getByRole('button', { name: 'Cambiar perfil' }).click();
    const dialog = page.getByRole('dialog', { name: `Cambiar perfil de ${PEDRO}` });
    await expect(dialog.getByLabel('Perfil', { exact: true })).toHaveAccessibleName('Perfil');
    await expect(dialog.getByRole('textbox', { name: 'Motivo' })).toHaveAccessibleName('Motivo');
    await expectAccessible(page, 'diálogo de perfil');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    // The call's reason select too: its name is its label, not the list of its options.
    await expect(
      page
        .getByRole('region', { name: 'Llamada', exact: true })
        .getByRole('combobox', { name: 'Motivo' }),
    ).toHaveAccessibleName('Motivo');
  });
});

test.describe('as a prevention officer', () => {
  test.use({ user: 'prevencion' });

  test('a profile change outside his administration says why, visibly', async ({ desk }) => {
    await open(desk, '12.345.678-5', PEDRO);
    const reason =
      'Cambiar perfiles desde esta mesa es de un supervisor (o de un agente que sea administrador de accesos de esa empresa): pídaselo a su supervisor. El administrador de accesos de la empresa también puede cambiarlos en su portal.';
    const button = desk.record.getByRole('button', { name: 'Cambiar perfil' });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(`${ANDES} ${reason}`);
    await expect(desk.record.getByText(reason)).toBeVisible();
    await expectAccessible(desk.page, 'ficha vista por prevención');
  });
});
