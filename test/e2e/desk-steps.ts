/**
 * Steps several specs take at the desk: Pedro's record opened from the search, the call bar, and
 * a call opened with him (reason «Olvidó contraseña»).
 */
import type { Page } from '@playwright/test';
import { expect, type DeskPage } from './fixtures';

export const PEDRO = 'Pedro Andrés González Muñoz';
export const PEDRO_WHO = `${PEDRO} (12.345.678-5)`;

/** Pedro's record, opened with Enter from the search. */
export async function openPedro(desk: DeskPage) {
  await desk.find('12.345.678-5');
  await expect(desk.options.first()).toContainText(PEDRO);
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
}

export const callbarOf = (page: Page) => page.getByRole('region', { name: 'Llamada', exact: true });

/** Pedro's record open and a call opened for him («Olvidó contraseña»): the bar it is in. */
export async function openCallWithPedro(desk: DeskPage) {
  const callbar = callbarOf(desk.page);
  await openPedro(desk);
  await callbar.getByLabel('Motivo').selectOption({ label: 'Olvidó contraseña' });
  await callbar.getByRole('button', { name: `Abrir llamada de ${PEDRO_WHO}` }).click();
  return callbar;
}

/** Pedro's mobile changed from his record with no call open (the call bar then offers one). */
export async function changePedrosPhone(desk: DeskPage) {
  const { page, record } = desk;
  await openPedro(desk);
  await record.getByRole('button', { name: 'Editar contacto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
  await dialog.getByLabel('Celular', { exact: true }).fill('+56 9 1111 2222');
  await dialog.getByLabel('Motivo').fill('Cambió de número');
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status')).toHaveText('Datos de contacto actualizados.');
  return dialog;
}

/**
 * A button of the open record's row for Constructora Los Andes (its access there): every change
 * of it opens the company's page with its dialog, asking who of the company calls.
 */
export async function pressAtAndes(desk: DeskPage, button: string) {
  await desk.record
    .getByRole('row')
    .filter({ hasText: 'Constructora Los Andes' })
    .getByRole('button', { name: button })
    .click();
}
