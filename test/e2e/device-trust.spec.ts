/**
 * Issue 11 through the web door with the reference central API: the sign-in rate limit's
 * Spanish message, a device revoked by a supervisor (from the command line, while the desk was
 * offline with an action queued), the notice on the sign-in screen saying where its unsent
 * actions went, and the explicit re-enrolment that brings it back.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expectAccessible } from './a11y';
import { nodeArgs } from './entries';
import {
  expect,
  loopTest as test,
  startCentral,
  startDeskDoor,
  type Started,
  signInOnline,
  fillSignIn,
  searchFor,
} from './fixtures';

test('a revoked desk says where its unsent actions are and comes back when enrolled again', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  let central: Started = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    await page.goto(door.url);

    // Too many wrong passwords: the central makes the next attempt wait, and says for how long.
    for (let i = 0; i < 5; i++) {
      await fillSignIn(page, 'supervisora', 'equivocada');
      // Answered: the password is cleared for the next try.
      await expect(page.getByLabel('Contraseña')).toHaveValue('');
      // From the third in a row, the limit is said before it stops the agent.
      await expect(page.getByRole('alert')).toHaveText(
        i < 2
          ? 'Usuario o contraseña incorrectos.'
          : /^Usuario o contraseña incorrectos\. Tras 5 intentos fallidos en 15 minutos, este usuario deberá esperar/,
      );
    }
    await fillSignIn(page, 'supervisora', 'super600');
    await expect(page.getByRole('alert')).toHaveText(
      /^Demasiados intentos fallidos con este usuario o en este equipo .* Intente de nuevo a las \d{2}:\d{2} \(en 15 minutos\);/,
    );
    await expectAccessible(page, 'ingreso con intentos agotados');

    await fillSignIn(page, 'agente', 'agente600');
    const indicator = page.getByRole('button', { name: /^Sincronización:/ });
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });

    // Offline, the agent unlocks an account: the action waits on this desk.
    await central.stop();
    await searchFor(page, '12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    const record = page.getByRole('region', { name: 'Ficha' });
    await record.getByRole('button', { name: 'Desbloquear' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('N° de serie de la cédula').check();
    await dialog.getByLabel('Empresa empleadora').check();
    await dialog.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(record.getByText(/1 acción pendiente de sincronizar/)).toBeVisible();

    // Meanwhile a supervisor revokes this device on the central.
    const { deviceId } = JSON.parse(
      fs.readFileSync(path.join(dirs.desk, 'device-secret.json'), 'utf8'),
    ) as { deviceId: string };
    const revoked = spawnSync(
      process.execPath,
      nodeArgs('src/central-api/start.ts', [
        '--data-dir',
        dirs.central,
        '--revoke-device',
        deviceId,
      ]),
      { encoding: 'utf8' },
    );
    expect(revoked.status, revoked.stderr).toBe(0);
    // The window's lock poll sees the session gone before the window hears why (the sync
    // status is held back): the sign-in screen shows first, then the device's own notice.
    let holdStatus = true;
    await page.route('**/api/sync.status', async (route) => {
      while (holdStatus) await new Promise((resolve) => setTimeout(resolve, 100));
      await route.continue();
    });
    central = await startCentral(dirs.central, String(central.port));

    // At its next contact the desk is wiped and signed out; the sign-in screen says why.
    await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible({ timeout: 30_000 });
    holdStatus = false;
    const notice = page.getByRole('alert').filter({ hasText: 'Este equipo fue revocado' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    // The revocation is the why: no second, vaguer line says the session ended or changed.
    await expect(page.getByText(/La sesión de este equipo terminó o cambió/)).toHaveCount(0);
    await expect(notice).toContainText('La acción que no alcanzó a enviarse quedó guardada');
    await expect(notice).toContainText('para que la revise y la registre');
    await expect(notice).toContainText(`acciones-sin-enviar-${deviceId}.json`);
    await expect(page.getByRole('button', { name: 'Ingresar' })).toBeVisible();
    await expectAccessible(page, 'equipo revocado');
    expect(fs.existsSync(path.join(dirs.desk, `acciones-sin-enviar-${deviceId}.json`))).toBe(true);
    // Nothing promises a supervisor's authorisation that no screen asks for.
    await expect(notice).not.toContainText('lo autorice');
    // A copy of the file, saved where the agent chooses, reads in words.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('button', { name: 'Guardar una copia del archivo' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`acciones-sin-enviar-${deviceId}.json`);
    const saved = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      resumen: string[];
    };
    expect(saved.resumen).toHaveLength(1);
    expect(saved.resumen[0]).toContain('Alicia Agente');

    await fillSignIn(page, 'agente', 'agente600');
    await expect(
      page.getByText(/fue revocado en el sistema central: no se puede ingresar/),
    ).toBeVisible();

    // Enrolled again, explicitly: a new identity, a fresh replica; the refusal goes, and the
    // focus is on the form's first field.
    await page.getByRole('button', { name: 'Inscribir como equipo nuevo' }).click();
    await expect(page.getByRole('status')).toHaveText(/El equipo tiene una identidad nueva/);
    await expect(
      page.getByText(/fue revocado en el sistema central: no se puede ingresar/),
    ).toHaveCount(0);
    await expect(page.getByLabel('Usuario')).toBeFocused();
    await expectAccessible(page, 'equipo inscrito de nuevo');
    await fillSignIn(page, 'agente', 'agente600');
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
    await indicator.click();
    // A new identity, shown as the audit and the supervisor's list show it.
    const identity = page.getByRole('definition').filter({ hasText: 'Con estos primeros' });
    await expect(identity.locator('code').first()).toHaveText(/^[0-9a-f]{8}$/);
    await expect(identity).not.toContainText(deviceId.slice(0, 8));
    await expectAccessible(page, 'sincronización tras inscribirse de nuevo');
  } finally {
    await door.stop();
    await central.stop();
  }
});

type Laptop = { id: string; secret: string };
const newLaptop = (): Laptop => ({
  id: randomUUID(),
  secret: randomBytes(32).toString('base64url'),
});

/** The officer's laptop signs in on the central API as its desk would (enrolling if new). */
const laptopSignIn = (centralUrl: string, laptop: Laptop, former?: Laptop, name?: string) =>
  fetch(`${centralUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Client-Version': '0.1.0' },
    body: JSON.stringify({
      username: 'prevencion',
      password: 'preven600',
      deviceId: laptop.id,
      deviceSecret: laptop.secret,
      ...(former ? { formerDevice: { deviceId: former.id, secret: former.secret } } : {}),
      ...(name ? { deviceName: name } : {}),
    }),
  });

test('a supervisor revokes a lost laptop from the Sincronización screen', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  const central = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    // An officer's laptop, enrolled elsewhere: its first sign-in with a secret of its own.
    const laptop = newLaptop();
    const enrol = await laptopSignIn(central.url, laptop, undefined, 'NOTEBOOK-TERRENO-03');
    expect(enrol.status).toBe(200);
    const { accessToken } = (await enrol.json()) as { accessToken: string };

    const indicator = await signInOnline(page, door.url, 'supervisora', 'super600', {
      caughtUp: false,
    });
    await indicator.click();

    const devices = page.getByRole('table', { name: 'Equipos inscritos' });
    const short = laptop.id.slice(0, 8);
    const row = devices.getByRole('row').filter({ hasText: short });
    // Told apart by the computer's name its desk gave, beside its short id.
    await expect(row.getByRole('rowheader')).toHaveText(`NOTEBOOK-TERRENO-03 ${short}`);
    await expect(row).toContainText('Héctor Contreras (prevención)');
    await expect(row).toContainText('Habilitado');
    // This desk is listed as such, and is revoked from another one (said, not a dead button).
    const mine = devices.getByRole('row').filter({ hasText: 'este equipo' });
    await expect(mine).toContainText('Sara Supervisora');
    await expect(mine).toContainText('Revóquelo desde otro equipo');
    await expect(mine.getByRole('button')).toHaveCount(0);
    await expectAccessible(page, 'equipos inscritos');

    const named = `NOTEBOOK-TERRENO-03 (${short})`;
    await row.getByRole('button', { name: `Revocar el equipo ${named}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revocar el equipo ${named}` });
    await expect(dialog).toContainText('Se cerrarán las sesiones vigentes de Héctor Contreras');
    const confirm = dialog.getByRole('button', { name: 'Revocar el equipo' });
    await expect(confirm).toBeDisabled();
    // Too short a reason is not one: the button waits for three characters.
    await dialog.getByLabel('Motivo').fill('ok');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Motivo').fill('Notebook robado, denuncia 1234');
    await expectAccessible(page, 'revocar un equipo');
    await confirm.click();

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText(`Equipo ${named} revocado.`);
    await expect(row).toContainText('Revocado el');
    await expect(row).toContainText(
      'Aún no se ha enterado: borrará sus datos en cuanto se conecte',
    );
    await expect(row).toContainText('por Sara Supervisora');
    await expect(row).toContainText('Motivo: Notebook robado, denuncia 1234');
    // Its sessions are over.
    await expect(row.getByRole('cell').nth(1)).toHaveText('Ninguna');
    await expect(row.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Equipos inscritos' })).toBeFocused();

    // The laptop's session is over on the central API, and it is told why.
    const refused = await fetch(`${central.url}/sync/pull?cursor=&limit=10`, {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'X-Device-Id': laptop.id,
        'X-Device-Secret': laptop.secret,
        'X-Client-Version': '0.1.0',
      },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'device_revoked',
    );

    // Found again, the laptop takes a new identity, proving the old one's secret at its first
    // sign-in: the list shows both as the same computer, not a stranger beside a revoked one.
    const renewed = newLaptop();
    const again = await laptopSignIn(central.url, renewed, laptop);
    expect(again.status).toBe(200);
    await page.getByRole('button', { name: 'Actualizar' }).click();
    const renewedShort = renewed.id.slice(0, 8);
    const renewedRow = devices
      .getByRole('row')
      .filter({ hasText: renewedShort })
      .filter({ hasText: 'Habilitado' });
    await expect(renewedRow.getByRole('rowheader')).toHaveText(
      `${renewedShort}Inscrito de nuevo; antes era el equipo ${short}`,
    );
    // (The old one is now the only revoked row: its short id is in the new row's text too.)
    const revokedRow = devices.getByRole('row').filter({ hasText: 'Revocado el' });
    await expect(revokedRow.getByRole('rowheader')).toHaveText(
      `NOTEBOOK-TERRENO-03 ${short}Volvió a inscribirse como el equipo ${renewedShort}`,
    );
    // Told of its revocation when it called with its secret: it wiped its data then.
    await expect(revokedRow).toContainText(
      /Se enteró el \d{2}-\d{2}-\d{4} \d{2}:\d{2} y borró sus datos/,
    );
    await expectAccessible(page, 'equipos inscritos, uno inscrito de nuevo');

    // The central API's address: a wrong one is said beside the field; removing it is asked.
    const address = page.getByLabel('Dirección del sistema central');
    await address.fill('central.ejemplo.cl');
    await expect(address).toHaveAttribute('aria-invalid', 'false');
    await address.press('Tab');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(address).toHaveAccessibleDescription(/con https:\/\/ al comienzo/);
    // What is wrong, in words: a port out of range is not «should be https».
    await address.fill('http://127.0.0.1:99999');
    await address.press('Tab');
    await expect(address).toHaveAccessibleDescription(/si lleva puerto, va de 1 a 65535/);
    await address.fill('http://central.ejemplo.cl');
    await address.press('Tab');
    await expect(address).toHaveAccessibleDescription(/debe ser https/);
    await address.fill('');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const disconnect = page.getByRole('dialog', { name: 'Desconectar del sistema central' });
    await expect(disconnect).toContainText('Este equipo dejará de sincronizar');
    await expectAccessible(page, 'desconectar del sistema central');
    await disconnect.getByRole('button', { name: 'Cancelar' }).click();
    await expect(disconnect).toBeHidden();
    await expect(indicator).toHaveText(/^En línea/);

    // An address where nothing answers (a closed port here) is not kept: kept, it would leave
    // nobody able to sign in on this desk and correct it. Said in the dialog, the reason kept.
    await address.fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const change = page.getByRole('dialog', { name: 'Cambiar el sistema central' });
    await expect(change).toContainText('Se guarda solo si el sistema central responde allí');
    await change.getByLabel('Motivo').fill('Servidor nuevo');
    await change.getByRole('button', { name: 'Cambiar dirección' }).click();
    await expect(change).toContainText(
      'En esa dirección no responde el sistema central de la Mesa de Ayuda: revise la dirección',
    );
    await expect(change.getByLabel('Motivo')).toHaveValue('Servidor nuevo');
    await change.getByRole('button', { name: 'Cancelar' }).click();
    await expect(indicator).toHaveText(/^En línea/);
  } finally {
    await door.stop();
    await central.stop();
  }
});
