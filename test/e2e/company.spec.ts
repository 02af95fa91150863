/**
 * The company half (issue 7) end to end, in Chromium through the web door: a Portal Empresas
 * request decided by the register, its approval mail, the agreement signed on the central API,
 * the profile assigned on the desk; and a representative adding, pausing and deleting a user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { companyMessages, standingText } from '../../src/shared/messages';
import { openSqlite } from '../../src/storage/db/connection';
import { expectAccessible } from './a11y';
import { callbarOf, pressAtAndes } from './desk-steps';
import {
  askedBy,
  loopTest,
  startCentral,
  startDeskDoor,
  test as deskTest,
  type Started,
  signInOnline,
  searchFor,
} from './fixtures';

const ESPIGA = 'Panadería La Espiga Limitada';
const PORTAL_KEY = 'clave-e2e-de-los-portales';

async function openEspiga(page: Page) {
  await searchFor(page, 'la espiga');
  await page
    .getByRole('listbox', { name: 'Resultados' })
    .getByRole('option', { name: /Panadería La Espiga/ })
    .click();
  const company = page.getByRole('region', { name: 'Empresa' });
  await expect(company.getByRole('heading', { level: 1 })).toHaveText(ESPIGA);
  return company;
}

const test = loopTest;

test('a representative’s request is approved, mailed, signed on the central API, and the profile arrives', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  const central: Started = await startCentral(dirs.central, '0', '300', [
    '--portal-key',
    PORTAL_KEY,
  ]);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');

    const company = await openEspiga(page);
    await expectAccessible(page, 'empresa');
    const requests = company.getByRole('table').filter({ hasText: 'Solicitante' });
    const gloria = requests.getByRole('row').filter({ hasText: 'Gloria Paz Morales Reyes' });
    const tomas = requests
      .getByRole('row', { name: /Tomás Ignacio Vera Lagos/ })
      .filter({ hasText: 'Pendiente' });
    await expect(gloria).toContainText('Es representante legal');
    await expect(tomas).toContainText(
      'No figura como representante legal ni en la TRF: debe rechazarse',
    );
    // The register decides: the agent cannot approve someone in neither list, and sees why.
    await expect(tomas.getByRole('button', { name: 'Aprobar' })).toBeDisabled();
    await expect(tomas).toContainText('Quien la pidió no figura en el registro de la empresa');

    await tomas.getByRole('button', { name: 'Rechazar' }).click();
    const dialog = page.getByRole('dialog');
    // The register already says why: the reason is written in advance, and the agent may change it.
    await expect(dialog.getByLabel('Motivo')).toHaveValue(
      'El solicitante no es representante legal de la empresa ni firmante de su TRF (registro de firmantes).',
    );
    await expect(dialog.getByRole('button', { name: 'Rechazar' })).toBeEnabled();
    // No longer than any reason is kept: typing stops there, and what is left is said.
    await dialog.getByLabel('Motivo').fill('x'.repeat(600));
    await expect(dialog.getByLabel('Motivo')).toHaveValue('x'.repeat(500));
    await expect(dialog).toContainText('Llegó al máximo de 500 caracteres');
    // Said beside the field, never part of its name.
    await expect(dialog.getByRole('textbox', { name: 'Motivo', exact: true })).toBeVisible();
    await dialog.getByLabel('Motivo').fill('No es representante legal ni figura en la TRF');
    await expectAccessible(page, 'rechazar solicitud');
    await dialog.getByRole('button', { name: 'Rechazar' }).click();
    await expect(page.getByRole('status')).toHaveText('Solicitud rechazada.');
    // Decided: the date it was decided, and the register's finding as a fact, not an order.
    const rejected = requests
      .getByRole('row', { name: /Tomás Ignacio Vera Lagos/ })
      .filter({ hasText: 'No es representante legal ni figura en la TRF' });
    await expect(rejected).toContainText(/Rechazada el \d{2}-\d{2}-\d{4}/);
    await expect(rejected).toContainText('No figura como representante legal ni en la TRF');
    await expect(rejected).not.toContainText('debe rechazarse');
    // «Rechazar» is gone from the row: the focus stays on the row (its name, a link to his
    // record), not at the top of the page.
    await expect(rejected.getByRole('rowheader').getByRole('button')).toBeFocused();

    await gloria.getByRole('button', { name: 'Aprobar' }).click();
    // Nothing to fill: no line is kept for what is missing, no empty band under the buttons.
    await expect(page.getByRole('dialog').locator('.dialog-missing')).toHaveCount(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Aprobar' }).click();
    await expect(page.getByRole('status')).toHaveText(/Solicitud aprobada/);
    await expect(
      requests
        .getByRole('row')
        .filter({ hasText: 'Gloria Paz Morales Reyes' })
        .getByRole('rowheader')
        .getByRole('button'),
    ).toBeFocused();
    const profile = company
      .getByRole('row')
      .filter({ hasText: 'Gloria Paz Morales Reyes' })
      .filter({ hasText: 'Administrador de accesos' });
    await expect(profile).toContainText('sin firmar: perfil empresa sin asignar');
    // Her administrator profile has no module yet, said in words.
    await expect(profile.getByRole('cell', { name: 'Ninguno' })).toBeVisible();
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });

    // The approval mail leaves the central API from the no-reply sender.
    const sink = path.join(dirs.central, 'mail-sink');
    await expect
      .poll(
        () =>
          fs.existsSync(sink)
            ? fs
                .readdirSync(sink)
                .map((file) => fs.readFileSync(path.join(sink, file), 'utf8'))
                .filter((mail) => mail.includes('gloria.morales@laespiga.cl')).length
            : 0,
        { timeout: 20_000 },
      )
      .toBe(1);

    // Portal Empresas reports the signature to the central API.
    const signed = await fetch(`${central.url}/portal/agreement-signed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PORTAL_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personRut: 14_725_836, companyRut: 78_901_234 }),
    });
    expect(signed.status).toBe(200);

    await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
    await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    await expect
      .poll(
        async () => {
          await openEspiga(page);
          return (await profile.textContent()) ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/Firmado el \d\d-\d\d-\d{4}/);

    // Her record now says how to enter the first time.
    await searchFor(page, '14.725.836-4');
    await page.getByRole('combobox', { name: 'Buscar' }).press('Enter');
    const record = page.getByRole('region', { name: 'Ficha' });
    await expect(record.getByText('Primer ingreso a Portal Empresas pendiente')).toBeVisible();
    await expectAccessible(page, 'ficha con perfil empresa');
  } finally {
    await door.stop();
    await central.stop();
  }
});

test('a paused access is not invited to sign: no approval mail offered, the reason said, and a signature kept while it stays paused', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  const central: Started = await startCentral(dirs.central, '0', '300', [
    '--portal-key',
    PORTAL_KEY,
  ]);
  // Gloria, La Espiga's legal representative, is also a worker there, her access paused (rule 11).
  const writer = openSqlite(path.join(dirs.central, 'central.db'));
  writer
    .prepare(
      `INSERT INTO memberships (person_rut, company_rut, role, state, modules, started_at)
       VALUES (14725836, 78901234, 'worker', 'paused', '[]', '2026-01-01T00:00:00.000Z')`,
    )
    .run();
  writer.close();
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    const indicator = await signInOnline(page, door.url, 'agente', 'agente600');
    // Her request is approved: she gets the administrator's profile, and it stays paused.
    const company = await openEspiga(page);
    await company
      .getByRole('table')
      .filter({ hasText: 'Solicitante' })
      .getByRole('row')
      .filter({ hasText: 'Gloria Paz Morales Reyes' })
      .getByRole('button', { name: 'Aprobar' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Aprobar' }).click();
    await expect(page.getByRole('status')).toContainText('está pausado y así sigue');
    await expect(indicator).toHaveText(/^En línea · 0 pendientes/, { timeout: 30_000 });

    const search = page.getByRole('combobox', { name: 'Buscar' });
    const record = page.getByRole('region', { name: 'Ficha' });
    const openGloria = async () => {
      await search.fill('14.725.836-4');
      await search.press('Enter');
      await expect(record.getByRole('heading', { level: 1 })).toHaveText(
        'Gloria Paz Morales Reyes',
      );
    };
    await openGloria();
    const espiga = record.getByRole('row').filter({ hasText: ESPIGA });
    await expect(espiga).toContainText('Pausada');
    // No mail invites her to sign and enter while her access is paused: before, «Reenviar:
    // Aprobación de acceso» was offered (her approved request alone decided it).
    await expect(record.getByRole('button', { name: /Aprobación de acceso/ })).toHaveCount(0);
    await expect(record.getByRole('button', { name: /Firma de acuerdo/ })).toHaveCount(0);
    // Why, in the pause's own words: the mail goes once the company resumes her access.
    await expect(record).toContainText(
      'Su Acuerdo de Acceso Remoto tampoco está firmado: cuando se reanude su acceso, le reenviaremos el correo para firmarlo (antes, firmarlo no le asignaría el perfil empresa).',
    );
    await expect(record.getByRole('button', { name: /Reanudar desde la empresa/ })).toBeVisible();
    await expectAccessible(page, 'ficha con acceso pausado sin firmar');

    // She signs with the link she already had: the central API keeps it and says the profile
    // is not assigned; her access stays paused on the desk too, and still no mail is offered.
    const signed = await fetch(`${central.url}/portal/agreement-signed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PORTAL_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personRut: 14_725_836, companyRut: 78_901_234 }),
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ signed: true, assigned: false });
    await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
    await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
    await expect
      .poll(
        async () => {
          await openGloria();
          return (await espiga.textContent()) ?? '';
        },
        { timeout: 30_000 },
      )
      .toMatch(/Firmado el \d\d-\d\d-\d{4}/);
    await expect(espiga).toContainText('Pausada');
    await expect(record.getByRole('button', { name: /Aprobación de acceso/ })).toHaveCount(0);
    await expect(record).not.toContainText('Su Acuerdo de Acceso Remoto tampoco está firmado');
    await expectAccessible(page, 'ficha con acceso pausado y acuerdo firmado');
  } finally {
    await door.stop();
    await central.stop();
  }
});

deskTest(
  '«Quién lo pide» is the person on the call, or nobody until the agent chooses',
  async ({ desk }) => {
    const { page, record } = desk;
    const openAndes = async () => {
      await desk.find('constructora los andes');
      await desk.option('Constructora Los Andes SpA').click();
      await page
        .getByRole('region', { name: 'Empresa' })
        .getByRole('button', { name: 'Agregar usuario' })
        .click();
      return page
        .getByRole('dialog')
        .getByLabel(/administrador de accesos de la empresa que lo pide/);
    };
    // No call: two may ask (Ricardo, Paula), and neither is chosen for the agent.
    let caller = await openAndes();
    await expect(caller).toHaveValue('');
    await expect(page.getByRole('dialog').getByLabel(/N° de serie/)).toHaveCount(0);
    await expect(
      page.getByRole('dialog').getByRole('button', { name: 'Agregar usuario' }),
    ).toHaveAccessibleDescription(/Falta: quién lo pide/);
    await page.keyboard.press('Escape');
    // Paula calls: her call is open, and she is the one chosen.
    await desk.open('15.161.718-2');
    await expect(record.getByRole('heading', { level: 1 })).toHaveText('Paula Andrea Rojas Tapia');
    const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
    await callbar.getByLabel('Motivo').selectOption({ index: 1 });
    await callbar.getByRole('button', { name: /^Abrir llamada/ }).click();
    await expect(callbar.getByRole('button', { name: /Cerrar llamada/ })).toBeVisible();
    caller = await openAndes();
    await expect(caller).toHaveValue('15161718-2');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel(/N° de serie/)).toBeVisible();
    // ACHS: she may ask for company users, not for a new administrator — said as soon as the
    // profile is chosen, not after «Agregar usuario».
    await dialog.getByLabel('Perfil').selectOption({ label: 'Administrador de accesos' });
    await expect(dialog).toContainText(
      'En ACHS, un administrador de accesos nuevo lo nombra el representante legal',
    );
    await expect(
      dialog.getByRole('button', { name: 'Agregar usuario' }),
    ).toHaveAccessibleDescription(/que lo pida el representante legal/);
    await dialog.getByLabel('Perfil').selectOption({ label: 'Usuario empresa' });
    await expect(dialog).not.toContainText('lo nombra el representante legal');
  },
);

deskTest(
  'a requester’s record leads to the company’s requests, where the request is decided',
  async ({ desk }) => {
    const { page, record } = desk;
    await desk.open('17.345.678-6');
    const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    // His newer request is where he stands: the older rejection is not told beside it.
    await expect(diagnosis).toContainText(
      'Solicitud de acceso que será rechazada (Panadería La Espiga',
    );
    await expect(diagnosis).not.toContainText('Solicitud de acceso rechazada');
    await diagnosis.getByRole('button', { name: 'Ver solicitudes de la empresa' }).click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(ESPIGA);
    await expect(
      company.getByRole('heading', { name: 'Solicitudes de acceso a Portal Empresas' }),
    ).toBeFocused();
  },
);

deskTest(
  'the company’s register, profiles and requests name people as links to their records, and Esc comes back',
  async ({ desk }) => {
    const { page, record } = desk;
    const company = await openEspiga(page);
    const register = company
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Calidad' }) });
    await register
      .getByRole('button', { name: 'Ver la ficha de Marcela Andrea Fuentes Rivas' })
      .click();
    await expect(record.getByRole('heading', { level: 1 })).toHaveText(
      'Marcela Andrea Fuentes Rivas',
    );
    await page.keyboard.press('Escape');
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(ESPIGA);
    await expect(company).toBeFocused();
    // And to the search that showed the company, not the RUT the record was opened with.
    await expect(page.getByRole('combobox', { name: 'Buscar' })).toHaveValue('la espiga');
    await expect(page.getByRole('option', { name: /Panadería La Espiga/ })).toBeVisible();
    const profiles = company.getByRole('table').filter({ hasText: 'Acuerdo de Acceso Remoto' });
    await profiles.getByRole('button', { name: 'Ver la ficha de Jorge Luis' }).click();
    await expect(record.getByRole('heading', { level: 1 })).toContainText('Jorge Luis');
    // A company dialog asked from his record, given up: back on his record, read again, and
    // Esc still goes back to the company he was opened from.
    await record
      .getByRole('row')
      .filter({ hasText: ESPIGA })
      .getByRole('button', { name: 'Eliminar acceso' })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
    await expect(record.getByRole('heading', { level: 1 })).toContainText('Jorge Luis');
    await page.keyboard.press('Escape');
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(ESPIGA);
    const requests = company.getByRole('table').filter({ hasText: 'Solicitante' });
    await requests
      .getByRole('button', { name: /^Ver la ficha de Tomás Ignacio/ })
      .first()
      .click();
    await expect(record.getByRole('heading', { level: 1 })).toContainText('Tomás Ignacio');
  },
);

deskTest(
  'a legal representative without an access reads her tie to the company on her record',
  async ({ desk }) => {
    const { page, record } = desk;
    await desk.open('14.725.836-4');
    await expect(record.getByRole('heading', { level: 1 })).toHaveText('Gloria Paz Morales Reyes');
    await expect(record).toContainText(
      'Representante legal de empresa (no trabajadora ni pensionada)',
    );
    await expect(record).not.toContainText('Sin vínculo vigente');
    await expect(record).not.toContainText('No figura en ninguna empresa');
    const registers = record.getByRole('listitem').filter({ hasText: 'Representante legal' });
    await expect(registers).toHaveText(/Representante legal · Panadería La Espiga Limitada/);
    await registers.getByRole('button', { name: `Ver la empresa ${ESPIGA}` }).click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(ESPIGA);
    // The link went with her record: the company's page takes the focus, not the page's body.
    await expect(company).toBeFocused();
  },
);

deskTest(
  'an ACHS company shows no Portal Empresas requests, TRF or agreement, and disables its users',
  async ({ desk }) => {
    const { page } = desk;
    await desk.find('constructora los andes');
    await desk.option('Constructora Los Andes SpA').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(
      'Constructora Los Andes SpA',
    );
    await expect(company.getByRole('heading', { name: 'Representantes legales' })).toBeVisible();
    await expect(company.getByRole('heading', { name: /Solicitudes de acceso/ })).toHaveCount(0);
    await expect(company.getByRole('button', { name: 'Registrar solicitud' })).toHaveCount(0);
    await expect(company.getByRole('columnheader', { name: /Acuerdo/ })).toHaveCount(0);
    // Its users' access in ACHS Gestión's words: «Inhabilitado» and back, no pause, no deletion.
    const diego = company
      .getByRole('row')
      .filter({ hasText: 'Diego Sebastián Herrera Soto' })
      .first();
    await expect(diego.getByRole('button', { name: 'Pausar' })).toHaveCount(0);
    await expect(diego.getByRole('button', { name: 'Eliminar acceso' })).toHaveCount(0);
    const change = async (button: 'Inhabilitar' | 'Habilitar') => {
      const dialog = page.getByRole('dialog', { name: `${button} a Diego Sebastián Herrera Soto` });
      // Paula, an administrator of Los Andes, is calling.
      await askedBy(
        dialog,
        'Paula Andrea Rojas Tapia · Administrador de accesos (Contacto comercial)',
      );
      await dialog.getByLabel('Motivo').fill('Lo pidió la administradora de accesos');
      if (button === 'Inhabilitar') await expectAccessible(page, 'inhabilitar en ACHS');
      await dialog.getByRole('button', { name: button, exact: true }).click();
      await expect(page.getByRole('status')).toHaveText(
        button === 'Inhabilitar'
          ? 'Acceso de Diego Sebastián Herrera Soto inhabilitado.'
          : 'Acceso de Diego Sebastián Herrera Soto habilitado.',
      );
    };
    await diego.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
    await change('Inhabilitar');
    await expect(diego.getByRole('cell').nth(1)).toHaveText('Inhabilitada');
    // On Diego's own record, giving it back is the company's decision: it leads to its page.
    await page.keyboard.press('Control+k');
    await desk.open('19.876.543-0');
    const diagnosis = desk.record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await diagnosis.getByRole('button', { name: 'Habilitar desde la empresa' }).click();
    await expect(company.getByRole('heading', { level: 1 })).toHaveText(
      'Constructora Los Andes SpA',
    );
    await change('Habilitar');
    // Asked from his record, done: his record again, his access there given back.
    await expect(
      desk.record.getByRole('row').filter({ hasText: 'Constructora Los Andes SpA' }),
    ).toContainText('Activa');
    // La Espiga (Los Héroes) has all three.
    const espiga = await openEspiga(page);
    await expect(espiga.getByRole('heading', { name: /Solicitudes de acceso/ })).toBeVisible();
    await expect(espiga.getByRole('columnheader', { name: /Acuerdo/ })).toBeVisible();
  },
);

deskTest(
  'someone on the call who may not ask for the company gets nobody chosen for him, and is told so (walk 59a)',
  async ({ desk }) => {
    const { page } = desk;
    // Tomás calls about La Espiga: he is not its representative nor one of its administrators.
    await desk.find('17.345.678-6');
    await desk.search.press('Enter');
    await expect(desk.record.getByRole('heading', { level: 1 })).toContainText('Tomás');
    const callbar = callbarOf(page);
    await callbar.getByLabel('Motivo').selectOption({ label: 'Acceso empresa' });
    await callbar.getByRole('button', { name: /^Abrir llamada de Tomás/ }).click();
    const company = await openEspiga(page);
    await company.getByRole('button', { name: 'Agregar usuario' }).click();
    const dialog = page.getByRole('dialog');
    // Marcela is its only administrator who may ask: she is not chosen for the one on the line.
    await expect(
      dialog.getByLabel(/administrador de accesos de la empresa que lo pide/),
    ).toHaveValue('');
    await expect(dialog).toContainText(
      /Tomás .*, en la llamada, no puede pedir cambios de esta empresa: solo Marcela Andrea Fuentes Rivas/,
    );
    // Read to its end (a module half under the sticky footer is no target axe can measure).
    await dialog.getByRole('button', { name: 'Cancelar' }).scrollIntoViewIfNeeded();
    await dialog.evaluate((node) => node.scrollTo({ top: node.scrollHeight }));
    await expectAccessible(page, 'Agregar usuario: quien llama no puede pedirlo');
  },
);

deskTest('an administrator adds an outsider, then pauses and deletes him', async ({ desk }) => {
  const { page } = desk;
  const company = await openEspiga(page);
  await company.getByRole('button', { name: 'Agregar usuario' }).click();
  const dialog = page.getByRole('dialog');
  // The one rule, said in the intro, and why the representative listed on the page cannot ask.
  await expect(dialog).toContainText(
    'Solo a pedido del representante legal o de un administrador de accesos de esta empresa, con su identidad verificada y su perfil empresa asignado (Acuerdo de Acceso Remoto firmado).',
  );
  await expect(dialog).toContainText(
    'Gloria Paz Morales Reyes no puede pedirlo aún: no tiene perfil empresa en Portal Empresas',
  );
  // Marcela, an access administrator with the agreement signed, is calling: two facts checked.
  await dialog
    .getByLabel(/administrador de accesos de la empresa que lo pide/)
    .selectOption({ label: 'Marcela Andrea Fuentes Rivas · Administrador de accesos' });
  await dialog.getByLabel(/N° de serie/).check();
  // No record of hers is on screen: the e-mail is compared with the letters shown.
  await expect(dialog.getByText(/^Correo registrado/)).toHaveText(
    'Correo registrado (que lo diga completo; compárelo con las letras que se muestran)',
  );
  await dialog.getByLabel(/Correo registrado/).check();
  // A RUT the desk knows: whose it is, and no fields for a new person's data.
  await dialog.getByLabel('RUT del usuario').fill('12.345.678-5');
  await expect(
    dialog.getByText(
      'RUT de Pedro Andrés González Muñoz. No es persona trabajadora de la empresa: se agregará como persona externa.',
    ),
  ).toBeVisible();
  // Named by its label alone; whose the RUT is describes it.
  await expect(
    dialog.getByRole('textbox', { name: 'RUT del usuario', exact: true }),
  ).toHaveAccessibleDescription(
    'RUT de Pedro Andrés González Muñoz. No es persona trabajadora de la empresa: se agregará como persona externa.',
  );
  await expect(dialog.getByLabel('Nombres')).toHaveCount(0);
  // The company's own RUT is nobody's: said, and no new person is asked for.
  await dialog.getByLabel('RUT del usuario').fill('78.901.234-2');
  await expect(
    dialog.getByText(
      'El RUT 78.901.234-2 es de una empresa, no de una persona: escriba el RUT de la persona que usará el acceso.',
    ),
  ).toBeVisible();
  await expect(dialog.getByLabel('Nombres')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Agregar usuario' })).toHaveAccessibleDescription(
    /Falta: el RUT de una persona \(ese es de una empresa\)/,
  );
  // One it does not: only then its data are asked for.
  await dialog.getByLabel('RUT del usuario').fill('20.123.456-5');
  await expect(
    dialog.getByText(
      'No figura en este equipo: indique sus datos; se agregará como persona externa a la empresa. Si ese RUT ya está registrado en el sistema central, se conservan sus datos de allí, y solo se agrega si el nombre indicado es el registrado (un RUT mal digitado no agrega a otra persona).',
    ),
  ).toBeVisible();
  await dialog.getByLabel('Nombres').fill('Carla');
  await dialog.getByLabel('Primer apellido').fill('Ibarra');
  await dialog.getByLabel('Segundo apellido').fill('Soto😀');
  await expect(dialog.getByRole('button', { name: 'Agregar usuario' })).toHaveAccessibleDescription(
    /Falta: .*nombres y apellidos escritos solo con letras/,
  );
  await dialog.getByLabel('Segundo apellido').fill('Soto');
  // A half-typed e-mail is said in Spanish beside the button, which waits for it.
  const add = dialog.getByRole('button', { name: 'Agregar usuario' });
  await dialog.getByLabel('Correo', { exact: true }).fill('carla@');
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(/Falta: un correo válido de la persona nueva/);
  await dialog.getByLabel('Correo', { exact: true }).fill('carla@contadores.cl');
  // La Espiga is on Portal Empresas: its modules, not ACHS Gestión's.
  const modules = dialog.getByRole('group', { name: 'Módulos' });
  await expect(modules.getByRole('checkbox')).toHaveCount(6);
  await expect(modules).toContainText('Cargas familiares');
  await expect(modules).not.toContainText('Siniestros');
  // No module, no user to add — unless the agent confirms it is meant.
  await expect(add).toHaveAccessibleDescription(/al menos un módulo, o confirmar/);
  await dialog.getByLabel('Certificados y nóminas').check();
  await expect(add).toBeEnabled();
  await expectAccessible(page, 'agregar usuario');
  await dialog.getByRole('button', { name: 'Agregar usuario' }).click();
  // Said as it happened: an outsider, and the agreement mail queued (no «si…»).
  await expect(page.getByRole('status')).toHaveText(
    'Usuario agregado como externo: no es trabajador de la empresa. El correo para firmar el Acuerdo de Acceso Remoto quedó en cola de envío.',
  );
  const carla = company
    .getByRole('row')
    .filter({ hasText: 'Carla Ibarra Soto' })
    .filter({ hasText: 'Usuario empresa' });
  await expect(carla).toContainText('externo');
  await expect(carla).toContainText('sin firmar: perfil empresa sin asignar');
  // Reached with Tab, a row's button says whom it acts on.
  await expect(carla.getByRole('button', { name: 'Pausar' })).toHaveAccessibleDescription(
    'Carla Ibarra Soto',
  );

  for (const [button, state] of [
    ['Pausar', 'Pausada'],
    // An outsider's access deleted (rule 13) is not a dismissal (rule 7): never «De baja».
    ['Eliminar acceso', 'Acceso eliminado'],
  ] as const) {
    await carla.getByRole('button', { name: button }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel(/N° de serie/).check();
    await change.getByLabel(/Correo registrado/).check();
    await change.getByLabel('Motivo').fill('Lo pidió la administradora de accesos');
    await change.getByRole('button', { name: button, exact: true }).click();
    await expect(carla).toContainText(state);
  }
  await expect(carla).not.toContainText('De baja');
  // Someone who is neither may not ask: Jorge, an outsider user, is not offered as a caller;
  // nor is Gloria, whose company profile does not exist yet.
  await company.getByRole('button', { name: 'Agregar usuario' }).click();
  await expect(
    page
      .getByRole('dialog')
      .getByLabel(/administrador de accesos de la empresa que lo pide/)
      .locator('option:not([disabled])'),
  ).toHaveText([/Marcela Andrea Fuentes Rivas/]);
});

deskTest(
  'an administrator asking for herself may drop a module, not grant herself one',
  async ({ desk }) => {
    const { page } = desk;
    const company = await openEspiga(page);
    const marcela = company
      .getByRole('row')
      .filter({ hasText: 'Marcela Andrea Fuentes Rivas' })
      .filter({ hasText: 'Administrador de accesos' });
    await marcela.getByRole('button', { name: 'Módulos', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // She is the only one who may ask: chosen for the agent, her facts checked.
    await dialog.getByLabel(/N° de serie/).check();
    await dialog.getByLabel(/Correo registrado/).check();
    const save = dialog.getByRole('button', { name: 'Guardar módulos' });
    await dialog.getByRole('group', { name: 'Módulos' }).getByLabel('Cargas familiares').check();
    await expect(
      dialog.getByText(/^Un administrador de accesos no se da acceso a sí mismo/),
    ).toBeVisible();
    await expect(save).toBeDisabled();
    await expect(save).toHaveAccessibleDescription(/que lo pida otra persona de la empresa/);
    // Waiting, it is still reached with Tab (and read with why); Enter there sends nothing.
    await save.focus();
    await expect(save).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await expect(dialog).toBeVisible();
    // Not silent: what is missing is said again at each press.
    await expect(dialog.getByRole('alert')).toContainText('no se da acceso a sí mismo');
    await expect(dialog.getByText(/^Un administrador de accesos no se da acceso/)).toBeVisible();
    await expectAccessible(page, 'módulos propios');
    await dialog.getByRole('group', { name: 'Módulos' }).getByLabel('Cargas familiares').uncheck();
    await dialog
      .getByRole('group', { name: 'Módulos' })
      .getByLabel('Certificados y nóminas')
      .uncheck();
    await expect(dialog.getByText(/no se da acceso a sí mismo/)).toHaveCount(0);
    await save.click();
    await expect(dialog).toHaveCount(0);
    await expect(marcela).not.toContainText('Certificados');
  },
);

deskTest(
  'on her own call, a representative who cannot ask yet is told why, and nobody is chosen for her',
  async ({ desk }) => {
    const { page, record } = desk;
    await desk.open('14.725.836-4');
    await expect(record.getByRole('heading', { level: 1 })).toHaveText('Gloria Paz Morales Reyes');
    const callbar = page.getByRole('region', { name: 'Llamada', exact: true });
    await callbar.getByLabel('Motivo').selectOption({ label: 'Otro' });
    await callbar.getByRole('button', { name: /^Abrir llamada de Gloria/ }).click();
    const company = await openEspiga(page);
    await company.getByRole('button', { name: 'Agregar usuario' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(
      'Gloria Paz Morales Reyes no puede pedirlo aún: no tiene perfil empresa en Portal Empresas',
    );
    // Marcela may ask, but she is not the one calling: not chosen for the agent.
    await expect(
      dialog.getByLabel(/administrador de accesos de la empresa que lo pide/),
    ).toHaveValue('');
  },
);

deskTest(
  'every company dialog asks the same people, and says why a listed one cannot ask yet',
  async ({ desk }) => {
    const { page } = desk;
    await desk.find('comercial araucania');
    await desk.option('Comercial Araucanía S.A.').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await expect(company.getByRole('heading', { level: 1 })).toHaveText('Comercial Araucanía S.A.');
    const hector = company
      .getByRole('row')
      .filter({ hasText: 'Héctor Patricio Contreras Vásquez' })
      .filter({ hasText: 'Administrador de accesos' });
    // Unsigned: pending signature wherever he is shown, and counted as such, not as active.
    await expect(company.getByText(/personas? activas? de/)).toContainText(
      '0 administradores de accesos · 1 pendiente de firma del acuerdo',
    );
    await expect(hector.getByRole('cell').nth(1)).toHaveText('Pendiente de firma');
    await expect(company.getByText('Administrador de accesos · Pendiente de firma')).toBeVisible();
    await expect(company.getByText('Administrador de accesos · Activa')).toHaveCount(0);
    // His access and modules only he may ask to take away, and he cannot until he signs: his
    // buttons wait, the reason beside them (before, each opened a dialog nobody could complete).
    const waits =
      'Solo Héctor Patricio Contreras Vásquez puede pedir que se le quite el acceso o un módulo (tiene la representación legal de la empresa según su registro), y nadie más de la empresa puede pedir módulos ahora. Aún no puede pedirlo: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).';
    const modules = hector.getByRole('button', { name: 'Módulos', exact: true });
    for (const waiting of [
      hector.getByRole('button', { name: 'Pausar', exact: true }),
      hector.getByRole('button', { name: 'Eliminar acceso', exact: true }),
      modules,
    ]) {
      await expect(waiting).toBeDisabled();
      await expect(waiting).toHaveAccessibleDescription(
        `Héctor Patricio Contreras Vásquez ${waits}`,
      );
    }
    // Said once, in sight, on a line of its own under his row (not under each button, nor in
    // the actions column alone, where it stood a word wide).
    const said = company.getByText(waits, { exact: true });
    await expect(said).toHaveCount(1);
    await expect(said).toBeVisible();
    const [rowBox, saidBox] = [await hector.boundingBox(), await said.boundingBox()];
    expect(saidBox!.y).toBeGreaterThanOrEqual(rowBox!.y + rowBox!.height - 1);
    expect(saidBox!.width).toBeGreaterThan(400);
    // Reached with Tab and pressed, it opens nothing.
    for (const waiting of [modules, hector.getByRole('button', { name: 'Pausar', exact: true })]) {
      await waiting.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    await expectAccessible(page, 'botones del representante sin firmar');
    // Nobody else may ask either: «Agregar usuario» waits too, why said once above the list,
    // in the one rule's words (before, it opened a dialog nobody could complete).
    const nobody =
      'Nadie de la empresa puede pedir cambios de sus usuarios ahora. Héctor Patricio Contreras Vásquez no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).';
    await expect(company.getByText(nobody, { exact: true })).toBeVisible();
    const add = company.getByRole('button', { name: 'Agregar usuario' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAccessibleDescription(nobody);
  },
);

deskTest(
  'on the unsigned representative’s own record his access waits as on the company’s page',
  async ({ desk }) => {
    const { page } = desk;
    await desk.open('10.203.040-0');
    const araucania = desk.record.getByRole('row').filter({ hasText: 'Comercial Araucanía S.A.' });
    // Only he may ask to take his access away, and he cannot until he signs (rule 12): the
    // record's «Pausar» and «Eliminar acceso» wait with the company row's words. Before, each
    // opened the company's dialog, which only then said nobody could complete it.
    const waits =
      'Solo Héctor Patricio Contreras Vásquez puede pedir que se le quite el acceso: tiene la representación legal de la empresa según su registro. Aún no puede pedirlo: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).';
    const pause = araucania.getByRole('button', { name: 'Pausar', exact: true });
    const remove = araucania.getByRole('button', { name: 'Eliminar acceso', exact: true });
    for (const waiting of [pause, remove]) {
      await expect(waiting).toBeDisabled();
      await expect(waiting).toHaveAccessibleDescription(`Comercial Araucanía S.A. ${waits}`);
    }
    // Said once in the row, in sight.
    await expect(araucania.getByText(waits, { exact: true })).toBeVisible();
    // Reached with Tab and pressed, nothing opens: no dialog, no company page.
    for (const waiting of [pause, remove]) {
      await waiting.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Empresa' })).toHaveCount(0);
    }
    await expectAccessible(page, 'ficha del representante sin firmar');
  },
);

deskTest(
  'a paused user calling is sent to her company: resuming is asked by its representative',
  async ({ desk }) => {
    const { page, record } = desk;
    await desk.open('14.253.647-1');
    const diagnosis = record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await expect(diagnosis).toContainText(
      'Su empresa pausó su acceso: solo el representante legal o un administrador de accesos de su empresa puede pedir que se reanude.',
    );
    // …and the record names who that is, as it does for modules.
    await expect(record).toContainText(
      'A quién pedir módulos, perfiles o que se reanude un acceso en pausa (administradores de accesos):',
    );
    await expect(record.locator('.registers').last()).toContainText(
      'Panadería La Espiga Limitada: Marcela Andrea Fuentes Rivas',
    );
    const fromDiagnosis = diagnosis.getByRole('button', { name: 'Reanudar desde la empresa' });
    // Asked and cancelled: back on her record, the focus on the button that asked it.
    await fromDiagnosis.click();
    await expect(page.getByRole('dialog').getByRole('heading')).toContainText('Valentina');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(fromDiagnosis).toBeFocused();
    await fromDiagnosis.click();
    // The company's page opens with the change's dialog, which asks who of the company calls.
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading')).toContainText('Valentina');
    const caller = dialog.getByLabel(/administrador de accesos de la empresa que lo pide/);
    // The only one who may ask is chosen; the placeholder cannot be.
    await expect(caller.locator('option:not([disabled])')).toHaveText([
      /Marcela Andrea Fuentes Rivas/,
    ]);
    await expect(caller).toHaveValue('13579246-2');
    await dialog.getByLabel(/N° de serie/).check();
    await dialog.getByLabel(/Correo registrado/).check();
    await dialog.getByLabel('Motivo').fill('Lo pidió la administradora de accesos');
    await expectAccessible(page, 'reanudar desde la empresa');
    await dialog.getByRole('button', { name: 'Reanudar', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(/reanud/i);
    // Back on her record, which says it.
    await expect(record.getByRole('row').filter({ hasText: ESPIGA })).toContainText('Activa');
  },
);

deskTest(
  'a Portal Empresas user’s access is deleted at the company’s request from her record, never «dado de baja» (rule 13)',
  async ({ desk }) => {
    const { page } = desk;
    // Jorge: an outsider user of La Espiga, no worker of it.
    await desk.open('19.283.746-4');
    const espiga = desk.record.getByRole('row').filter({ hasText: ESPIGA });
    await expect(espiga.getByRole('button', { name: 'Registrar baja' })).toHaveCount(0);
    await espiga.getByRole('button', { name: 'Eliminar acceso' }).click();
    // The company's own decision: its page, asking who of the company calls.
    const dialog = page.getByRole('dialog', {
      name: 'Eliminar el acceso de Jorge Luis Castillo Pinto',
    });
    await expect(
      dialog.getByLabel(/administrador de accesos de la empresa que lo pide/),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Empresa' })).toBeVisible();
    // Cancelled, the agent is back on his record, on the button that asked it.
    await page.keyboard.press('Escape');
    await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(
      'Jorge Luis Castillo Pinto',
    );
    await expect(espiga.getByRole('button', { name: 'Eliminar acceso' })).toBeFocused();
    // The same with its «Cancelar» button (review 58: it was taken for a change made).
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
    await expect(espiga.getByRole('button', { name: 'Eliminar acceso' })).toBeFocused();

    // Done, the same: Valentina's paused access resumed, her record read again.
    await desk.open('14.253.647-1');
    const hers = desk.record.getByRole('row').filter({ hasText: ESPIGA });
    const result = desk.option('14.253.647-1');
    await expect(result).toContainText('Sin acceso vigente');
    await hers.getByRole('button', { name: 'Reanudar' }).click();
    const resume = page.getByRole('dialog', { name: /Reanudar/ });
    await resume.getByLabel(/N° de serie/).check();
    await resume.getByLabel(/Correo registrado/).check();
    await resume.getByLabel('Motivo').fill('Lo pidió la administradora de accesos');
    await resume.getByRole('button', { name: 'Reanudar', exact: true }).click();
    await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(
      'Valentina Sofía Núñez Bravo',
    );
    // Taken, on the access's state, which says it: not on «Pausar», which a stray Enter would
    // press to undo it (walk 57).
    await expect(hers.getByRole('cell', { name: 'Activa', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // The results' badges follow.
    await expect(result).not.toContainText('Sin acceso vigente');
  },
);

deskTest(
  'a company where nobody may ask says why once, and every change of its users waits (rule 6)',
  async ({ desk }) => {
    const { page } = desk;
    // Amanda: a company user of Comercial Del Pacífico, whose adherence ended; nobody is
    // registered there to ask.
    await desk.open('8.527.013-3');
    await desk.record
      .getByRole('row')
      .filter({ hasText: 'Comercial Del Pacífico' })
      .getByRole('button', { name: /Comercial Del Pacífico/ })
      .first()
      .click();
    const company = page.getByRole('region', { name: 'Empresa' });
    // Said as it is at a company no longer adherent, not «register its representative first»,
    // which would open nothing there.
    const nobody =
      'La empresa ya no está adherida y no tiene representantes legales ni administradores de accesos registrados: nadie puede pedir este cambio. Mientras no esté adherida, ninguno de sus usuarios puede ingresar';
    await expect(company.getByText(nobody)).toBeVisible();
    await expect(company).not.toContainText('registrar primero');
    // Her row's buttons point at that one notice, and open nothing (before, a dialog nobody
    // could complete).
    const modules = company
      .getByRole('row')
      .filter({ hasText: '8.527.013-3' })
      .getByRole('button', { name: 'Módulos' });
    await expect(modules).toBeDisabled();
    await expect(modules).toHaveAccessibleDescription(new RegExp(`^Amanda.* ${nobody}`));
    await modules.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectAccessible(page, 'nadie puede pedirlo');
  },
);

deskTest(
  'at a company no longer adherent a module can be taken away, never given (rule 6)',
  async ({ desk }) => {
    const { page } = desk;
    // Ramón: Transportes Biobío's legal representative, whose adherence ended; he holds
    // «Siniestros».
    await desk.find('transportes biobio');
    await desk.option('Transportes Biobío Limitada').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    // Rule 6: nobody there is «activo», though the stored accesses are.
    await expect(company).toContainText(
      /registradas?: ninguna puede ingresar mientras la empresa no esté adherida/,
    );
    await expect(company).not.toContainText(/personas? activas? de/);
    const ramon = company.getByRole('row').filter({ hasText: '7.654.321-6' });
    await expect(ramon.getByRole('cell', { name: standingText('active', false) })).toBeVisible();
    await ramon.getByRole('button', { name: 'Módulos' }).click();
    const dialog = page.getByRole('dialog', { name: /Módulos de Ramón/ });
    await expect(dialog).toContainText(companyMessages.dialog.modulesNotAdherent);
    // He holds «Siniestros» (it may go); «Documentos» he lacks (it may not come).
    await expect(dialog.getByRole('checkbox', { name: 'Siniestros' })).toBeEnabled();
    const lacking = dialog.getByRole('checkbox', { name: 'Documentos' });
    await expect(lacking).toBeDisabled();
    await expect(lacking).toHaveAccessibleDescription(companyMessages.dialog.modulesNotAdherent);
    await expectAccessible(page, 'módulos en empresa no adherida');
  },
);

deskTest(
  'another administrator may give the legal representative a module, not take one away (rules 9, 12)',
  async ({ desk }) => {
    const { page } = desk;
    await desk.find('constructora los andes');
    await desk.option('Constructora Los Andes SpA').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    // His row's button (Diego's row names him too, as who appointed Diego).
    const ricardoModules = company.getByRole('button', {
      name: 'Módulos',
      description: 'Ricardo Alberto Muñoz Vidal',
      exact: true,
    });
    await ricardoModules.click();
    const dialog = page.getByRole('dialog', { name: 'Módulos de Ricardo Alberto Muñoz Vidal' });
    // Paula, an administrator of Los Andes, is calling.
    await askedBy(
      dialog,
      'Paula Andrea Rojas Tapia · Administrador de accesos (Contacto comercial)',
    );
    const modules = dialog.getByRole('group', { name: 'Módulos' });
    const save = dialog.getByRole('button', { name: 'Guardar módulos' });
    // Before, she could take every module he had, and the dialog said nothing.
    await modules.getByLabel('Siniestros').uncheck();
    await expect(save).toHaveAccessibleDescription(
      /Falta: que lo pida el propio representante legal \(otro administrador no le quita módulos/,
    );
    await expect(modules).toContainText(
      'Tiene la representación legal de la empresa según su registro: solo esa persona puede pedir que se le quite un módulo.',
    );
    await expectAccessible(page, 'módulos del representante legal');
    // Giving him one takes nothing away: she may ask for it.
    await modules.getByLabel('Siniestros').check();
    await modules.getByLabel('Documentos').check();
    await expect(save).toBeEnabled();
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Módulos actualizados.');
    // He asks himself to drop one.
    await ricardoModules.click();
    await askedBy(dialog, 'Ricardo Alberto Muñoz Vidal · Representante legal');
    await modules.getByLabel('Siniestros').uncheck();
    await expect(save).toBeEnabled();
  },
);

deskTest(
  '«Agregar usuario» gives a disabled worker a profile and says his access stays disabled (rule 11)',
  async ({ desk }) => {
    const { page } = desk;
    // Pedro, a worker of Los Andes: disabled there at the company's request (rule 11: from his
    // record, its page's dialog asks who of the company calls).
    await desk.open('12.345.678-5');
    await pressAtAndes(desk, 'Inhabilitar');
    const disable = page.getByRole('dialog', { name: 'Inhabilitar a Pedro Andrés González Muñoz' });
    await askedBy(disable, 'Ricardo Alberto Muñoz Vidal · Representante legal');
    await disable.getByLabel('Motivo').fill('Suplantación reportada por la empresa');
    await disable.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
    await expect(disable).toHaveCount(0);
    // His ACHS lock is still said, but no longer as if waiting it out let him in (walk 57).
    const diagnosis = desk.record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
    await expect(diagnosis).toContainText(
      'pero aunque espere o restablezca su contraseña no podrá entrar a ACHS Gestión mientras no tenga ahí un acceso habilitado en una empresa',
    );
    await expect(diagnosis).not.toContainText('Dígale: Puede esperar');
    // Nor does the unlock promise that he can come in (walk 58b).
    await diagnosis.getByRole('button', { name: 'Desbloquear' }).click();
    const unlock = page.getByRole('dialog', { name: 'Desbloquear acceso a ACHS Gestión' });
    await expect(unlock).toContainText(
      'Aun así, la persona no podrá ingresar a ACHS Gestión mientras no tenga ahí un acceso habilitado en una empresa',
    );
    await unlock.getByRole('button', { name: 'Cancelar' }).click();
    await desk.find('constructora los andes');
    await desk.option('Constructora Los Andes SpA').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await company.getByRole('button', { name: 'Agregar usuario' }).click();
    const dialog = page.getByRole('dialog');
    await askedBy(dialog, 'Ricardo Alberto Muñoz Vidal · Representante legal');
    await dialog.getByLabel('RUT del usuario').fill('12.345.678-5');
    // Said before adding: the profile does not enable him.
    await expect(dialog).toContainText(
      'Su acceso en la empresa está inhabilitado y así sigue: el perfil no lo habilita; eso es otra solicitud de la empresa («Habilitar»).',
    );
    await dialog.getByRole('group', { name: 'Módulos' }).getByLabel('Reportes').check();
    await dialog.getByRole('button', { name: 'Agregar usuario' }).click();
    // And after: before, he was enabled again, and nothing said it.
    await expect(page.getByRole('status')).toHaveText(
      'Usuario agregado. ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo. Su acceso en la empresa está inhabilitado y así sigue: el perfil no lo habilita; eso es otra solicitud de la empresa («Habilitar»).',
    );
    const pedro = company
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /Pedro Andrés González Muñoz/ }) });
    await expect(pedro).toContainText('Usuario empresa');
    await expect(pedro.getByRole('cell').nth(1)).toHaveText('Inhabilitada');
    await expect(pedro.getByRole('button', { name: 'Habilitar', exact: true })).toBeVisible();
    // The company's page offers what his record does: his baja too (review 57, L4).
    await expect(pedro.getByRole('button', { name: 'Registrar baja' })).toBeVisible();
  },
);

deskTest.describe('as the supervisor', () => {
  deskTest.use({ user: 'supervisora' });

  deskTest(
    'a company user appointed administrator keeps his modules: none is asked for, and the toast says appointed',
    async ({ desk }) => {
      const { page, record } = desk;
      // Pedro, a worker of Los Andes (ACHS) holding «Siniestros», made a company user there.
      await desk.open('12.345.678-5');
      await record.getByRole('button', { name: 'Cambiar perfil' }).click();
      const change = page.getByRole('dialog');
      await change.getByLabel('Perfil').selectOption({ label: 'Usuario empresa' });
      await change.getByLabel('Motivo').fill('Lo pidió el representante legal');
      await askedBy(change, 'Ricardo Alberto Muñoz Vidal · Representante legal');
      await change.getByRole('button', { name: 'Cambiar perfil' }).click();
      await expect(page.getByRole('status')).toHaveText(
        'Perfil de Pedro Andrés González Muñoz en Constructora Los Andes SpA actualizado.',
      );

      await desk.find('constructora los andes');
      await desk.option('Constructora Los Andes SpA').click();
      const company = page.getByRole('region', { name: 'Empresa' });
      await company.getByRole('button', { name: 'Agregar usuario' }).click();
      const dialog = page.getByRole('dialog');
      // The facts to tick are the caller's: nothing asks for them before one is chosen.
      const hint = dialog.getByText('Marque al menos 2 datos que quien lo pide confirmó.');
      await expect(hint).toHaveCount(0);
      await dialog
        .getByLabel(/administrador de accesos de la empresa que lo pide/)
        .selectOption({ label: 'Ricardo Alberto Muñoz Vidal · Representante legal' });
      await expect(hint).toBeVisible();
      await dialog.getByLabel(/N° de serie/).check();
      await dialog.getByLabel(/Correo registrado/).check();
      await dialog.getByLabel('RUT del usuario').fill('12.345.678-5');
      await expect(dialog).toContainText('conserva sus módulos');
      await dialog
        .getByRole('combobox', { name: /^Perfil/ })
        .selectOption({ label: 'Administrador de accesos' });
      // He keeps «Siniestros»: no module is asked for, nor «Agregar sin módulos».
      await expect(dialog.getByLabel(/^Agregar sin módulos/)).toHaveCount(0);
      await expectAccessible(page, 'nombrar administrador');
      await dialog.getByRole('button', { name: 'Agregar usuario' }).click();
      await expect(page.getByRole('status')).toHaveText(
        'Nombrado administrador de accesos; conserva sus módulos. ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo.',
      );
      const pedro = company.getByRole('row').filter({ hasText: 'Pedro Andrés González Muñoz' });
      await expect(pedro).toContainText('Administrador de accesos');
      await expect(pedro).toContainText('Siniestros');
    },
  );
});
