/**
 * Issue 11, item 2, in Chromium through the web door with a real central API on loopback: a
 * shared desk lists its waiting actions by agent, and a supervisor takes over those of an
 * agent who will not come back (what it means said first, a reason asked, then confirmed).
 */
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { loopTest, startCentral, startDeskDoor, type Started } from './fixtures';

const test = loopTest;

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

test('a supervisor takes over the waiting actions of an agent who will not come back', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  let central: Started = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    // The agent works while the central API is away, then leaves the desk for good.
    await signIn(page, door.url, 'agente', 'agente600');
    const indicator = page.getByRole('button', { name: /^Sincronización:/ });
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
    await central.stop();
    await page.getByRole('combobox', { name: 'Buscar' }).fill('12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    const record = page.getByRole('region', { name: 'Ficha' });
    await record.getByRole('button', { name: 'Desbloquear' }).first().click();
    const unlock = page.getByRole('dialog');
    for (const box of await unlock.getByRole('checkbox').all()) await box.check();
    await unlock.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(unlock).toHaveCount(0);
    await expect(indicator).toHaveText(/1 pendiente/, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Salir' }).click();

    // The central API is back; the supervisor signs in on the same desk.
    central = await startCentral(dirs.central, String(central.port));
    await signIn(page, door.url, 'supervisora', 'super600');
    await expect(indicator).toHaveText(/^En línea · 1 pendiente/, { timeout: 30_000 });
    await indicator.click();
    const sync = page.getByRole('region', { name: 'Sincronización' });
    const group = sync.getByRole('region', { name: 'Alicia Agente: 1 acción en espera' });
    await expect(group).toBeVisible();
    await expect(group).toContainText('Esperan que este agente vuelva a ingresar en este equipo.');
    await expect(group.getByRole('row').filter({ hasText: 'Desbloqueo de cuenta' })).toContainText(
      '12.345.678-5',
    );
    await expectAccessible(page, 'sincronización: acciones en espera de otro agente');

    // Esc cancels and gives the focus back to the button.
    const take = group.getByRole('button', { name: 'Reasignar a mi nombre: Alicia Agente' });
    await take.click();
    const dialog = page.getByRole('dialog', { name: 'Reasignar las acciones de Alicia Agente' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Motivo')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(take).toBeFocused();

    // What it means is said before anything happens; no reason, no confirmation.
    await take.click();
    await expect(dialog).toContainText('con su sesión y bajo su responsabilidad');
    const confirm = dialog.getByRole('button', { name: 'Reasignar y enviar' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Motivo').fill('Dejó la empresa; no volverá a este equipo');
    await expectAccessible(page, 'diálogo de reasignación');
    await confirm.click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('Se reasignó 1 acción: se enviará con su sesión.')).toBeVisible();

    // Sent with her session: nothing waits any more.
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
    await expect(sync.getByText('No hay acciones esperando al sistema central.')).toBeVisible();
    await expectAccessible(page, 'sincronización tras la reasignación');

    // The audit log says who took them over and why.
    await page.getByRole('button', { name: 'Auditoría' }).click();
    const event = page
      .getByRole('row')
      .filter({ hasText: 'Reasignó a su nombre las acciones en espera de otro agente' });
    await expect(event).toHaveCount(1);
    await expect(event).toContainText('Sara Supervisora');
    await expect(event).toContainText('Dejó la empresa; no volverá a este equipo');
    await expectAccessible(page, 'auditoría con la reasignación');
  } finally {
    await door.stop();
    await central.stop();
  }
});
