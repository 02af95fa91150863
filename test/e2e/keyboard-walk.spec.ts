/**
 * An agent who works with the keyboard alone (a keyboard-only walk, session 51): a dialog that
 * opens on its title keeps Shift+Tab inside it; a field reached with Tab is never hidden under a
 * dialog's sticky buttons; Ctrl+Enter on «Cerrar llamada» says what is missing as the button
 * does; dismissing the no-call offer leaves the focus on the record; Esc on a record opened from
 * Llamadas goes back to Llamadas, never to a company page left open before; Esc on a company page
 * goes back to the record or the list it was opened from; the toast never covers the focus.
 */
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { callbarOf, changePedrosPhone, openCallWithPedro, openPedro, PEDRO } from './desk-steps';
import { expect, test } from './fixtures';

/** How far the focused control reaches under the dialog's sticky footer (0: clear of it). */
const hiddenUnderFooter = (page: Page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    const footer = focused?.closest('[role="dialog"]')?.querySelector('.dialog-footer');
    if (!focused || !footer || footer.contains(focused)) return 0;
    return Math.max(0, focused.getBoundingClientRect().bottom - footer.getBoundingClientRect().top);
  });

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('Tab never leaves a field hidden under a dialog’s buttons', async ({ desk }) => {
    const { page } = desk;
    await desk.find('constructora los andes');
    await desk.option('Constructora Los Andes SpA').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await company.getByRole('button', { name: 'Agregar usuario' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel(/administrador de accesos de la empresa que lo pide/)
      .selectOption({ label: 'Ricardo Alberto Muñoz Vidal · Representante legal' });
    await dialog.getByLabel('RUT del usuario').fill('12.345.678-5');
    // Every control down the dialog, the modules' checkboxes included, in sight when focused.
    for (let step = 0; step < 30; step++) {
      await page.keyboard.press('Tab');
      await expect.poll(() => hiddenUnderFooter(page)).toBe(0);
    }
  });
});

test('a dialog that opens on its title keeps Shift+Tab inside it', async ({ desk }) => {
  const { page } = desk;
  await page.getByRole('button', { name: 'Ley 21.719' }).click();
  const form = page.getByRole('form', { name: 'Registrar una solicitud' });
  await form.getByLabel('RUT del titular').fill('12.345.678-5');
  await form.getByLabel('RUT del titular').press('Enter');
  const recording = page.getByRole('dialog', { name: 'Registrar una solicitud Ley 21.719' });
  await recording.getByLabel('Canal', { exact: true }).selectOption({ label: 'Presencial' });
  await recording.getByLabel('Cómo se verificó la identidad').selectOption({
    label: 'Cédula de identidad exhibida',
  });
  await recording.getByLabel('Qué pide exactamente').fill('Copia de sus datos');
  await recording.getByRole('button', { name: 'Registrar solicitud' }).click();
  await expect(recording).toHaveCount(0);

  await page.getByRole('button', { name: /^Ver SOL-/ }).click();
  const detail = page.getByRole('dialog', { name: /^Solicitud SOL-/ });
  await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
  // Back from the title: the dialog's last control, not the list behind it.
  await page.keyboard.press('Shift+Tab');
  await expect(detail.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Shift+Tab');
  await expect(detail.locator(':focus')).toHaveCount(1);
  // Forward from the last control: the first one.
  await expect(detail).toBeVisible();
});

test('Ctrl+Enter on «Cerrar llamada» says what is missing and goes to it, as the button does', async ({
  desk,
}) => {
  const callbar = await openCallWithPedro(desk);
  await callbar.getByRole('button', { name: 'Cerrar llamada' }).click();
  await callbar.getByLabel('Resultado').selectOption({ label: 'Derivado' });
  await callbar.getByLabel('Resultado').press('Control+Enter');
  const notes = callbar.getByRole('textbox', { name: 'Notas de la llamada' });
  await expect(callbar.getByRole('alert')).toContainText('qué queda pendiente');
  await expect(notes).toBeFocused();
  // Still open: nothing was saved.
  await expect(callbar).toContainText('Llamada en curso');
});

test('dismissing the no-call offer leaves the focus on the record', async ({ desk }) => {
  const { page, record } = desk;
  const callbar = callbarOf(page);
  await changePedrosPhone(desk);
  const dismiss = callbar.getByRole('button', { name: 'Descartar' });
  await expect(dismiss).toBeVisible();
  await dismiss.focus();
  await page.keyboard.press('Enter');
  await expect(dismiss).toHaveCount(0);
  await expect(record).toBeFocused();
});

test('Esc on a record opened from Llamadas goes back to Llamadas, not to a company left open', async ({
  desk,
}) => {
  const { page } = desk;
  const callbar = await openCallWithPedro(desk);
  await callbar.getByRole('button', { name: 'Cerrar llamada' }).click();
  await callbar.getByLabel('Resultado').selectOption({ label: 'Resuelto' });
  await callbar.getByRole('textbox', { name: /^Notas de la/ }).fill('Se le explicó cómo entrar');
  await callbar.getByRole('button', { name: 'Guardar y cerrar' }).click();
  await expect(page.getByRole('status')).toHaveText('Llamada cerrada y registrada.');
  // A company page left open on the search.
  await desk.find('la espiga');
  await desk.option(/Panadería La Espiga/).click();
  await expect(page.getByRole('region', { name: 'Empresa' })).toBeVisible();

  await page.getByRole('button', { name: 'Llamadas', exact: true }).click();
  await page.getByRole('button', { name: `${PEDRO} 12.345.678-5` }).click();
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Llamadas', level: 1 })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Empresa' })).toHaveCount(0);
  await expectAccessible(page, 'Llamadas, de vuelta de una ficha');
});

/** The first person a company's page lists, but for one named `not`. */
const firstPersonOf = (company: Locator, not?: string) =>
  company
    .getByRole('button', { name: /^Ver la ficha de / })
    .filter(not ? { hasNotText: not } : {})
    .first();

test('Esc on a company page goes back where it was opened from: a record, or Solicitudes de acceso', async ({
  desk,
}) => {
  const { page } = desk;
  const company = page.getByRole('region', { name: 'Empresa', exact: true });
  await openPedro(desk);
  await desk.record
    .getByRole('button', { name: /^Ver la empresa / })
    .first()
    .click();
  await expect(company).toBeVisible();
  await page.keyboard.press('Escape');
  // Back to his record, which takes the focus (not the search, not empty).
  await expect(company).toHaveCount(0);
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
  await expect(desk.record).toBeFocused();
  // Through the company to one of its people and back: Esc, the company; Esc, his record.
  await desk.record
    .getByRole('button', { name: /^Ver la empresa / })
    .first()
    .click();
  await expect(company).toBeVisible();
  await firstPersonOf(company, 'Pedro').click();
  await expect(desk.record.getByRole('heading', { level: 1 })).not.toHaveText(PEDRO);
  await page.keyboard.press('Escape');
  await expect(company).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(company).toHaveCount(0);
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
  // And from it, as before, to the search.
  await page.keyboard.press('Escape');
  await expect(desk.search).toBeFocused();

  await page
    .getByRole('navigation', { name: 'Secciones' })
    .getByRole('button', { name: 'Solicitudes de acceso' })
    .click();
  const heading = page.getByRole('heading', { level: 1, name: /Solicitudes de acceso/ });
  await expect(heading).toBeFocused();
  await page
    .getByRole('button', { name: /^Ver la empresa / })
    .first()
    .click();
  await expect(company).toBeVisible();
  // A person opened on that page: Esc goes back to the company, and then to the list.
  await firstPersonOf(company).click();
  await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(company).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(heading).toBeFocused();
  await expect(company).toHaveCount(0);
  await expectAccessible(page, 'Solicitudes de acceso, de vuelta de una empresa');
});

test.describe('at 1280×720, the toast', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('never covers the control that has the focus: it moves to the top while one is under it', async ({
    desk,
  }) => {
    const { page, record } = desk;
    await openPedro(desk);
    const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await diagnosis.getByRole('button', { name: 'Desbloquear' }).click();
    const dialog = page.getByRole('dialog', { name: 'Desbloquear acceso a ACHS Gestión' });
    await dialog.getByLabel('N° de serie de la cédula').check();
    await dialog.getByLabel('Últimos 4 dígitos del celular registrado').check();
    await dialog.getByRole('button', { name: 'Desbloquear' }).click();
    const toast = page.locator('.toast');
    await expect(toast).toHaveText('Cuenta desbloqueada.');
    // A button at the record's right edge brought to the window's bottom, then focused.
    const corner = record.getByRole('button', { name: 'Solicitud Ley 21.719' });
    await corner.evaluate((button) => button.scrollIntoView({ block: 'end' }));
    await corner.focus();
    const covered = async () => {
      const [a, b] = [(await toast.boundingBox())!, (await corner.boundingBox())!];
      return (
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
      );
    };
    await expect(toast).toHaveClass(/toast-away/);
    expect(await covered()).toBe(false);
    // The focus elsewhere, clear of the corner: the toast goes back there.
    await desk.search.focus();
    await expect(toast).not.toHaveClass(/toast-away/);
  });

  test('never covers an open dialog’s buttons and what they still miss (walk 58)', async ({
    desk,
  }) => {
    const { page, record } = desk;
    const callbar = await openCallWithPedro(desk);
    await callbar.getByRole('button', { name: 'Llama otra persona…' }).click();
    await callbar.getByLabel('Nombre de quien llama').fill('Ricardo Muñoz Vidal');
    await callbar.getByLabel('Relación con la persona').selectOption({ label: 'Otra persona' });
    await callbar.getByRole('button', { name: 'Guardar' }).click();
    const toast = page.locator('.toast');
    await expect(toast).toContainText('Anotado: llama Ricardo Muñoz Vidal');
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const footer = page.locator('.overlay .dialog-footer');
    await expect(footer).toContainText('Falta:');
    await expect(toast).toContainText('Anotado');
    // Its reason goes to the person's audit, which a Ley 21.719 request hands them (walk 58b).
    await expect(page.getByRole('dialog').getByLabel('Motivo')).toHaveAccessibleDescription(
      'Queda en la auditoría y se entrega a la persona si pide sus datos (Ley 21.719): no escriba datos de otras personas.',
    );
    await expect
      .poll(async () => {
        const [a, b] = [(await toast.boundingBox())!, (await footer.boundingBox())!];
        return (
          a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
        );
      })
      .toBe(false);
  });
});
