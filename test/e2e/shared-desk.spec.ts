/**
 * Issue 11 in Chromium through the web door with a real central API on loopback: a shared
 * desk lists its waiting actions by agent, and a supervisor takes over those of an agent who
 * will not come back (what it means said first, a reason asked, then confirmed); an officer's
 * newly assigned company arrives with its progress shown.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { openSqlite } from '../../src/storage/db/connection';
import { startFaultProxy } from '../support/fault-proxy';
import { heldMessages } from '../../src/shared/messages';
import { expectAccessible } from './a11y';
import {
  loopTest,
  startCentral,
  startDeskDoor,
  type Started,
  fillSignIn,
  signInAt,
  signInOnline,
  searchFor,
} from './fixtures';

const test = loopTest;

/** Pedro's record on screen, the central API away: his unlock waits on this desk. */
async function unlockWhileAway(page: Page) {
  const record = page.getByRole('region', { name: 'Ficha' });
  await record.getByRole('button', { name: 'Desbloquear' }).first().click();
  const unlock = page.getByRole('dialog');
  for (const box of await unlock.getByRole('checkbox').all()) await box.check();
  await unlock.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(unlock).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Sincronización:/ })).toHaveText(/1 pendiente/, {
    timeout: 15_000,
  });
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
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');
    await central.stop();
    await searchFor(page, '12.345.678-5');
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
    await unlockWhileAway(page);
    // «Salir» with an action still waiting asks first, staying being the default.
    await page.getByRole('button', { name: 'Salir' }).click();
    const asked = page.getByRole('dialog', { name: '¿Salir con acciones pendientes?' });
    await expect(asked).toContainText('Tiene 1 acción que aún no llega al sistema central');
    await expect(asked.getByRole('button', { name: 'Seguir en la sesión' })).toBeFocused();
    await expectAccessible(page, 'salir con acciones pendientes');
    await asked.getByRole('button', { name: 'Salir de todos modos' }).click();
    // The sign-in screen says it was done, and what stays here for her (naming nobody).
    await expect(page.getByRole('status')).toHaveText(
      'Se cerró la sesión. Quedó en este equipo 1 acción pendiente de quien salió: se enviará cuando vuelva a ingresar aquí.',
    );

    // The central API is back. Another agent of the desk (the officer) sees his own list
    // empty, and why the indicator still counts one.
    central = await startCentral(dirs.central, String(central.port));
    await signInAt(page, door.url, 'prevencion', 'preven600');
    await expect(indicator).toHaveText(/^En línea · 1 pendiente \(ninguna suya\)/, {
      timeout: 30_000,
    });
    await indicator.click();
    await expect(page.getByRole('heading', { name: 'Sus acciones pendientes' })).toBeVisible();
    await expect(
      page.getByText(
        'No tiene acciones esperando al sistema central. 1 acción de otro agente de este equipo sale cuando ese agente ingrese con su usuario; un supervisor puede verla y reasignarla.',
      ),
    ).toBeVisible();
    // Pedro's record says whose the waiting action is.
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    await searchFor(page, '12.345.678-5');
    await page.getByRole('combobox', { name: 'Buscar' }).press('Enter');
    await expect(
      page
        .getByRole('region', { name: 'Ficha' })
        .getByText(
          /1 acción pendiente de sincronizar con el sistema central: .*\(de Alicia Agente: sale cuando ingrese en este equipo\)\./,
        ),
    ).toBeVisible();
    // Online, the unlock on screen still has not reached the portal: the diagnosis says so
    // first, and nothing says the account works.
    const diagnosis = page.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await expect(diagnosis.locator('.cause').first()).toContainText(
      'Lo que muestra esta ficha aún no llega al portal',
    );
    await expect(diagnosis).toContainText(
      'Son acciones de Alicia Agente en este equipo: salen cuando ingrese de nuevo. Si no puede esperar, pida a un supervisor que las reasigne (Sincronización).',
    );
    // Another agent's change: nothing tells this caller that a request of theirs was taken.
    await expect(diagnosis).toContainText(heldMessages.diagnosisSayOthers);
    await expect(diagnosis).not.toContainText('Su solicitud');
    await expect(diagnosis).not.toContainText('Sin impedimentos a la vista');
    await page.getByRole('button', { name: 'Salir' }).click();

    // The supervisor signs in on the same desk.
    await signInAt(page, door.url, 'supervisora', 'super600');
    await expect(indicator).toHaveText(/^En línea · 1 pendiente/, { timeout: 30_000 });
    await indicator.click();
    const sync = page.getByRole('region', { name: 'Sincronización' });
    const group = sync.getByRole('region', { name: 'Alicia Agente: 1 acción pendiente' });
    await expect(group).toBeVisible();
    await expect(group).toContainText('Espera a que este agente vuelva a ingresar en este equipo.');
    await expect(group.getByRole('row').filter({ hasText: 'Desbloqueo de cuenta' })).toContainText(
      '12.345.678-5',
    );
    await expectAccessible(page, 'sincronización: acciones pendientes de otro agente');

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
    // The agent's group left with its button: the focus goes to the list's heading.
    await expect(page.getByRole('heading', { name: 'Acciones pendientes' })).toBeFocused();

    // Sent with her session: nothing waits any more.
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
    await expect(sync.getByText('No hay acciones esperando al sistema central.')).toBeVisible();
    await expectAccessible(page, 'sincronización tras la reasignación');

    // The audit log says who took them over and why.
    await page.getByRole('button', { name: 'Auditoría' }).click();
    const event = page
      .getByRole('row')
      .filter({ hasText: 'Reasignó a su nombre las acciones pendientes de otro agente' });
    await expect(event).toHaveCount(1);
    await expect(event).toContainText('Sara Supervisora');
    await expect(event).toContainText('Dejó la empresa; no volverá a este equipo');
    await expectAccessible(page, 'auditoría con la reasignación');
  } finally {
    await door.stop();
    await central.stop();
  }
});

test("an officer's newly assigned company arrives with progress shown, like a first sync", async ({
  page,
  dirs,
}) => {
  test.setTimeout(180_000);
  const central = await startCentral(dirs.central, '0', '3000');
  const proxy = await startFaultProxy(central.url);
  const door = await startDeskDoor(dirs.desk, proxy.url);
  try {
    const indicator = await signInOnline(page, door.url, 'prevencion', 'preven600', {
      caughtUp: false,
      timeout: 60_000,
    });
    const count = page.getByRole('banner').getByText(/personas?( \(cargando\))?$/);
    const before = Number((await count.textContent())!.replace(/\D/g, ''));

    // The biggest company that is not his yet is assigned to him at the office.
    const db = openSqlite(path.join(dirs.central, 'central.db'), { readonly: true });
    const { company } = db
      .prepare(
        `SELECT company_rut AS company FROM memberships WHERE state != 'removed'
           AND company_rut NOT IN (SELECT value FROM agents, json_each(agents.company_ruts)
                                   WHERE username = 'prevencion')
         GROUP BY company_rut ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { company: number };
    const companyName = db
      .prepare('SELECT legal_name FROM companies WHERE rut = ?')
      .pluck()
      .get(company) as string;
    db.close();
    // A supervisor's tool: a device of its own, enrolled with its own secret.
    const deviceId = randomUUID();
    const deviceSecret = randomBytes(32).toString('base64url');
    const headers = {
      'Content-Type': 'application/json',
      'X-Client-Version': '0.1.0',
      'X-Device-Id': deviceId,
      'X-Device-Secret': deviceSecret,
    };
    const signedIn = await fetch(`${central.url}/auth/sign-in`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        username: 'supervisora',
        password: 'super600',
        deviceId,
        deviceSecret,
      }),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const assigned = await fetch(`${central.url}/admin/agent-scope`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        username: 'prevencion',
        companyRut: company,
        assigned: true,
        reason: 'Nueva cartera',
      }),
    });
    expect(assigned.status).toBe(200);

    // The second page of the back-fill waits until the test lets it go.
    let pulls = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      proxy.setFaults((request) => {
        if (!request.path.startsWith('/sync/pull') || ++pulls !== 2) return { kind: 'pass' };
        return {
          kind: 'hold',
          onHeld: (go) => {
            release = go;
            resolve();
          },
        };
      });
    });
    await indicator.click();
    const sync = page.getByRole('region', { name: 'Sincronización' });
    await sync.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await held;
    await expect(indicator).toHaveText(/empresas asignadas \d+ %/, { timeout: 15_000 });
    await expect(
      sync.getByRole('progressbar', { name: 'Cambio de empresas asignadas' }),
    ).toBeVisible();
    await expect(sync).toContainText(/Cambio de empresas asignadas: [\d.]+ de [\d.]+ registros/);
    await expectAccessible(page, 'sincronización durante el cambio de empresas asignadas');

    release();
    await expect(
      sync.getByRole('progressbar', { name: 'Cambio de empresas asignadas' }),
    ).toHaveCount(0, { timeout: 30_000 });
    await expect(count).toHaveText(/^[\d.]+ personas$/, { timeout: 15_000 });
    const after = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(after).toBeGreaterThan(before);
    // He is told which company arrived, above his results, until he reads it.
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    const told = page.getByRole('region', { name: 'Cambiaron sus empresas asignadas' });
    await expect(told).toContainText(
      `Se le asignó ${companyName}: sus personas llegan a este equipo y puede atenderlas.`,
    );
    await expectAccessible(page, 'aviso de empresas asignadas');
    await told.getByRole('button', { name: 'Entendido' }).click();
    await expect(told).toHaveCount(0);

    // One of its people on screen when the company is taken from him: the record does not stay
    // showing someone no longer his; it says so.
    const reader = openSqlite(path.join(dirs.central, 'central.db'), { readonly: true });
    const someone = reader
      .prepare(
        `SELECT p.rut || '-' || p.dv FROM persons p JOIN memberships m ON m.person_rut = p.rut
         WHERE m.company_rut = ? AND m.state = 'active'
           AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.person_rut = p.rut AND o.company_rut != ?)
         LIMIT 1`,
      )
      .pluck()
      .get(company, company) as string;
    reader.close();
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    const search = page.getByRole('combobox', { name: 'Buscar' });
    await search.fill(someone);
    await search.press('Enter');
    const record = page.getByRole('region', { name: 'Ficha' });
    await expect(record.getByRole('heading', { level: 1 })).toBeVisible();
    const taken = await fetch(`${central.url}/admin/agent-scope`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        username: 'prevencion',
        companyRut: company,
        assigned: false,
        reason: 'Cartera reasignada',
      }),
    });
    expect(taken.status).toBe(200);
    await indicator.click();
    await sync.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect(count).toHaveText(`${before.toLocaleString('es-CL')} personas`, {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    await expect(
      page.getByText(/No hay una persona con ese RUT entre sus empresas asignadas/),
    ).toBeVisible();
    // Not a silent drop of his count: the company taken from him is named.
    await expect(told).toContainText(
      `Ya no tiene ${companyName}: sus personas salieron de este equipo`,
    );
    await expect(record.getByRole('heading', { level: 1 })).toHaveCount(0);

    // Ricardo, of his company Los Andes only, dismissed at the office while his record is open.
    await search.fill('12.131.415-0');
    await search.press('Enter');
    await expect(record.getByRole('heading', { level: 1 })).toHaveText(
      'Ricardo Alberto Muñoz Vidal',
    );
    // With a change of his waiting on this laptop (the central API out of reach meanwhile).
    proxy.setFaults((request) =>
      request.path.startsWith('/sync/') ? { kind: 'drop_request' } : { kind: 'pass' },
    );
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByRole('textbox', { name: 'Celular' }).fill('+56 9 5555 0202');
    await edit.getByLabel('Motivo').fill('Lo pidió en la visita');
    for (const box of await edit.getByRole('checkbox').all()) await box.check();
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await expect(edit).toHaveCount(0);
    await expect(record).toContainText('1 acción pendiente de sincronizar');
    const writer = openSqlite(path.join(dirs.central, 'central.db'));
    writer.transaction(() => {
      const { id } = writer
        .prepare(
          "UPDATE memberships SET state = 'removed', version = version + 1 WHERE person_rut = 12131415 AND company_rut = 76543210 RETURNING id",
        )
        .get() as { id: number };
      writer
        .prepare(
          "INSERT INTO change_log (entity, key, op, person_rut, company_rut, at) VALUES ('membership', ?, 'upsert', 12131415, 76543210, ?)",
        )
        .run(id, new Date().toISOString());
    })();
    writer.close();
    // Back in reach: the desk syncs by itself, his record still on screen.
    proxy.setFaults(() => ({ kind: 'pass' }));
    await expect(count).toHaveText(`${(before - 1).toLocaleString('es-CL')} personas`, {
      timeout: 30_000,
    });
    await expect(
      page.getByText(/No hay una persona con ese RUT entre sus empresas asignadas/),
    ).toBeVisible();
    await expect(record.getByRole('heading', { level: 1 })).toHaveCount(0);
    // His company's page still lists him in its register: no name this desk holds, his RUT once.
    await search.fill('76.543.210-3');
    await search.press('Enter');
    const andes = page.getByRole('region', { name: 'Empresa' });
    const row = andes.getByRole('row').filter({ hasText: '12.131.415-0' }).first();
    await expect(row).toContainText('Nombre no disponible en este equipo');
    expect((await row.innerText()).split('12.131.415-0').length - 1).toBe(1);
  } finally {
    await door.stop();
    await proxy.close();
    await central.stop();
  }
});

test('a sync that lands while the desk is locked leaves no «Inicie sesión» behind once unlocked', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  let central: Started = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');
    const search = page.getByRole('combobox', { name: 'Buscar' });
    await search.fill('12.345.678-5');
    await search.press('Enter');
    const record = page.getByRole('region', { name: 'Ficha' });
    await expect(record.getByRole('button', { name: 'Desbloquear' }).first()).toBeVisible();
    // An action waits while the central API is away; the agent locks the desk and steps away.
    await central.stop();
    await unlockWhileAway(page);
    await page.keyboard.press('Control+Shift+L');
    await expect(page.getByRole('heading', { name: 'Pantalla bloqueada' })).toBeVisible();
    // Back meanwhile: the queue drains behind the lock.
    central = await startCentral(dirs.central, String(central.port));
    await page.waitForTimeout(8000);
    await page.getByLabel('Contraseña').fill('agente600');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });
    await expect(page.getByText('Inicie sesión para continuar.')).toHaveCount(0);
    await expect(page.getByRole('listbox', { name: 'Resultados' }).getByRole('option')).toHaveCount(
      1,
    );
    await expect(record.getByRole('heading', { level: 1 })).toHaveText(
      'Pedro Andrés González Muñoz',
    );
  } finally {
    await door.stop();
    await central.stop();
  }
});

test("a correction over another agent's change still waiting here says so, and applies without a conflict", async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  let central: Started = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    // Offline, the agent corrects Pedro's mobile, then leaves the desk with it still here.
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');
    await central.stop();
    const search = page.getByRole('combobox', { name: 'Buscar' });
    await search.fill('12.345.678-5');
    await search.press('Enter');
    const record = page.getByRole('region', { name: 'Ficha' });
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    let dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await dialog.getByRole('textbox', { name: 'Celular' }).fill('+56 9 4444 3333');
    await dialog.getByLabel('Motivo').fill('Número nuevo de la persona');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(indicator).toHaveText(/1 pendiente/, { timeout: 15_000 });
    // A mail asked meanwhile: its toast says where it is, and that it may never go.
    await record.getByRole('button', { name: 'Reenviar: Restablecer contraseña' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reenviar' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Correo pedido en este equipo: sale cuando el sistema central reciba la acción, si la recibe dentro de 2 horas; si tarda más no se envía y habrá que pedirlo de nuevo.',
    );
    await expect(indicator).toHaveText(/2 pendientes/, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('button', { name: 'Salir de todos modos' }).click();
    // Back in while the central API is still away: in with this desk's copy, and told so.
    await fillSignIn(page, 'agente', 'agente600');
    await expect(page.getByRole('status')).toHaveText(
      'Ingresó sin conexión con el sistema central: sus acciones quedan en este equipo y se envían en cuanto responda. Sin conexión solo se puede ingresar hasta 3 días después del último ingreso con conexión en este equipo.',
    );
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('button', { name: 'Salir de todos modos' }).click();

    // Back online, the supervisor corrects it again on the same desk: the dialog says what it
    // shows is the agent's change, not yet at the central…
    central = await startCentral(dirs.central, String(central.port));
    await signInOnline(page, door.url, 'supervisora', 'super600', { caughtUp: false });
    await search.fill('12.345.678-5');
    await search.press('Enter');
    await record.getByRole('button', { name: 'Editar contacto' }).click();
    dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await expect(dialog).toContainText(
      'Lo que se muestra incluye un cambio de Alicia Agente que aún no llega al sistema central: el suyo queda sobre ese, llegue antes o después.',
    );
    await expect(dialog.getByRole('textbox', { name: 'Celular' })).toHaveValue('+56 9 4444 3333');
    await dialog.getByRole('textbox', { name: 'Celular' }).fill('+56 9 2222 1111');
    await dialog.getByLabel('Motivo').fill('La persona corrigió el número');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    // …and her correction reaches the central with no conflict, while the agent's still waits.
    await expect(indicator).toHaveText(/^En línea · 2 pendientes \(ninguna suya\)/, {
      timeout: 30_000,
    });
    await expect(indicator).not.toHaveText(/por revisar/);
    await expect(async () => {
      const check = openSqlite(path.join(dirs.central, 'central.db'), { readonly: true });
      const phone = check
        .prepare('SELECT phone FROM persons WHERE rut = ?')
        .pluck()
        .get(12_345_678);
      check.close();
      expect(phone).toBe('+56922221111');
    }).toPass({ timeout: 15_000 });
  } finally {
    await door.stop();
    await central.stop();
  }
});
