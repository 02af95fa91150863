/**
 * The idle lock through the web door, with a 5-second policy (MESA_IDLE_LOCK_SECONDS): left
 * alone, the desk locks and shows nothing of any person; the same agent's password unlocks it
 * where they were; another agent signing in ends the locked session; all of it audited.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { openPedro, PEDRO } from './desk-steps';
import { expect, test, fillSignIn } from './fixtures';

const RUT_PATTERN = /\d{1,2}\.\d{3}\.\d{3}-[\dK]/;
/** Long enough for the lock to come by itself; the wait ends as soon as it does. */
const LOCK_WAIT = { timeout: 20_000 };

test.beforeAll(() => {
  process.env['MESA_IDLE_LOCK_SECONDS'] = '5';
});
test.afterAll(() => {
  delete process.env['MESA_IDLE_LOCK_SECONDS'];
});

const lockHeading = (page: Page) => page.getByRole('heading', { name: 'Pantalla bloqueada' });

test.describe('idle lock', () => {
  test('locks when left alone, showing nothing of any person; the same agent unlocks', async ({
    desk,
  }) => {
    const { page } = desk;
    await openPedro(desk);

    await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('Pedro');
    expect(text).not.toMatch(RUT_PATTERN);
    await expect(page.getByText('Sesión de')).toBeVisible();
    await expect(page.getByText('después de 5 segundos sin uso')).toBeVisible();
    await expectAccessible(page, 'pantalla bloqueada');

    await page.getByLabel('Contraseña').fill('equivocada');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Contraseña incorrecta. Le quedan 4 intentos; después, la sesión se cierra y habrá que ingresar de nuevo.',
    );
    await expect(page.getByLabel('Contraseña')).toBeFocused();
    await expectAccessible(page, 'pantalla bloqueada: contraseña incorrecta');

    await page.getByLabel('Contraseña').fill('agente600');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    // Back where the agent was: the same record.
    await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);

    // A reload while locked shows the lock again, not the desk.
    await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
    await page.reload();
    await expect(lockHeading(page)).toBeVisible();
    expect(await page.locator('body').innerText()).not.toMatch(RUT_PATTERN);
  });

  test.describe('locked by main', () => {
    // A long policy, so that only main's own lock can be what locks the desk here.
    test.beforeAll(() => {
      process.env['MESA_IDLE_LOCK_SECONDS'] = '600';
    });
    test.afterAll(() => {
      process.env['MESA_IDLE_LOCK_SECONDS'] = '5';
    });

    test('a desk locked by main (the computer was locked) shows the lock by itself', async ({
      desk,
    }) => {
      const { page } = desk;
      await openPedro(desk);
      // What src/main/index.ts does when the operating system locks: auth.lock from main.
      const answer = await page.evaluate(async () => {
        const response = await fetch('/api/auth.lock', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${sessionStorage.getItem('mesa.webToken')}`,
          },
          body: JSON.stringify({ reason: 'system' }),
        });
        return (await response.json()) as { ok: boolean };
      });
      expect(answer.ok).toBe(true);
      await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
      expect(await page.locator('body').innerText()).not.toContain('Pedro');
      await expect(page.getByText('porque el equipo se bloqueó o entró en reposo')).toBeVisible();
    });

    test('the agent locks at once before stepping away: «Bloquear» or Ctrl+Mayús+L', async ({
      desk,
    }) => {
      const { page } = desk;
      await openPedro(desk);
      const button = page.getByRole('button', { name: 'Bloquear', exact: true });
      await expect(button).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+L');
      await button.click();
      await expect(lockHeading(page)).toBeVisible();
      await expect(page.getByText('Se bloqueó a pedido de quien la usaba.')).toBeVisible();
      expect(await page.locator('body').innerText()).not.toContain('Pedro');
      // Pressed with the password empty: said, shown beside the button, the field marked.
      await page.getByLabel('Contraseña').press('Enter');
      await expect(page.getByRole('alert')).toHaveText('Falta: su contraseña.');
      await expect(page.locator('.form-missing')).toHaveText('Falta: su contraseña.');
      await expect(page.getByLabel('Contraseña')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Contraseña')).toBeFocused();
      await page.getByLabel('Contraseña').fill('agente600');
      await expect(page.locator('.form-missing')).toHaveCount(0);
      await page.getByRole('button', { name: 'Desbloquear' }).click();
      await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
      // Over an open dialog too: it goes off the screen with the desk, and comes back with what
      // was typed in it when the same agent unlocks (Esc on the lock screen leaves it alone).
      await desk.record.getByRole('button', { name: 'Editar contacto' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await dialog.getByLabel('Motivo').fill('Lo pidió en la llamada');
      await page.keyboard.press('Control+Shift+L');
      await expect(lockHeading(page)).toBeVisible();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByText('Se bloqueó a pedido de quien la usaba.')).toBeVisible();
      expect(await page.locator('body').innerText()).not.toContain('Pedro');
      await page.keyboard.press('Escape');
      await page.getByLabel('Contraseña').fill('agente600');
      await page.getByRole('button', { name: 'Desbloquear' }).click();
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel('Motivo')).toHaveValue('Lo pidió en la llamada');
      // …and the focus where the agent left it, inside the dialog.
      await expect(dialog.getByLabel('Motivo')).toBeFocused();

      // Another agent taking the desk gets none of it: an empty search, no dialog, no Pedro —
      // not even after a wrong password, which ends the locked session all the same.
      await page.keyboard.press('Control+Shift+L');
      await page.getByRole('button', { name: 'Ingresar con otro usuario' }).click();
      await fillSignIn(page, 'supervisora', 'equivocada');
      await expect(page.getByRole('alert')).toContainText('Usuario o contraseña incorrectos.');
      // Longer than the lock's own look again (5 s): the form and its error stay.
      await page.waitForTimeout(6000);
      await expect(page.getByRole('alert')).toContainText('Usuario o contraseña incorrectos.');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      expect(await page.locator('body').innerText()).not.toContain('Pedro');
      await fillSignIn(page, 'supervisora', 'super600');
      await expect(page.getByText('Sara Supervisora')).toBeVisible();
      await expect(desk.search).toHaveValue('');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      expect(await page.locator('body').innerText()).not.toContain('Pedro');
    });
  });

  test('five wrong passwords end the locked session, and the sign-in says why', async ({
    desk,
  }) => {
    const { page } = desk;
    await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
    const password = page.getByLabel('Contraseña');
    for (const left of [4, 3, 2, 1]) {
      await password.fill('equivocada');
      await page.getByRole('button', { name: 'Desbloquear' }).click();
      await expect(page.getByRole('alert')).toContainText(
        left === 1 ? 'Le queda 1 intento;' : `Le quedan ${left} intentos;`,
      );
    }
    await password.fill('equivocada');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    // Its own reason, not «…ingresó otro usuario»: nobody else did.
    await expect(page.getByRole('status').filter({ hasText: /^Demasiados/ })).toHaveText(
      'Demasiados intentos fallidos: la sesión se cerró. Ingrese de nuevo con su usuario.',
    );
    await expect(page.getByLabel('Usuario')).toBeVisible();
    await expect(page.getByText(/ingresó otro usuario/)).toHaveCount(0);
  });

  test('another agent signing in ends the locked session; lock and unlock are audited', async ({
    desk,
  }) => {
    const { page } = desk;
    await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
    await page.getByLabel('Contraseña').fill('agente600');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(desk.search).toBeVisible();

    await expect(lockHeading(page)).toBeVisible(LOCK_WAIT);
    await page.getByRole('button', { name: 'Ingresar con otro usuario' }).click();
    await expect(
      page.getByText(
        'Si ingresa otro usuario, la sesión bloqueada termina. Sus acciones pendientes se quedan en este equipo, y una llamada o visita abierta sigue abierta hasta que vuelva a ingresar aquí.',
      ),
    ).toBeVisible();
    await expectAccessible(page, 'pantalla bloqueada: otro usuario');
    await fillSignIn(page, 'supervisora', 'super600');
    await expect(page.getByText(/Sara Supervisora/)).toBeVisible();

    await page.getByRole('button', { name: 'Auditoría' }).click();
    const table = page.getByRole('region', { name: 'Auditoría' }).getByRole('table');
    const rows = (label: string) =>
      table.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
    await expect(rows('Bloqueó la pantalla')).toHaveCount(2);
    await expect(rows('Desbloqueó la pantalla')).toHaveCount(1);
    await expect(rows('Su sesión bloqueada se cerró')).toHaveCount(1);
    await expect(rows('Bloqueó la pantalla').first()).toContainText('Alicia Agente');
  });
});
