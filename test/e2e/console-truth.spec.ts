/**
 * What the search side of the console tells an agent must be true: a RUT outside an officer's
 * companies, a company filter left on, badges that are never cut, counts that agree.
 */
import { expectAccessible } from './a11y';
import { askedBy, expect, fillSignIn, test, type DeskPage, searchFor } from './fixtures';
import {
  deniedMessages,
  errorMessages,
  recordMessages,
  screenErrorMessages,
  searchMessages,
  syncMessages,
} from '../../src/shared/messages';
import type { SyncIssue } from '../../src/shared/contract';

const ROSA = '6.543.210-2';

async function openCompanyPeople(desk: DeskPage): Promise<void> {
  await desk.option('Constructora Los Andes SpA').click();
  await desk.page
    .getByRole('region', { name: 'Empresa' })
    .getByRole('button', { name: 'Buscar entre sus personas' })
    .click();
}
const PEDRO = '12.345.678-5';

test.describe('as the prevention officer', () => {
  test.use({ user: 'prevencion' });

  test('a RUT outside his companies gets true words that reveal nothing', async ({ desk }) => {
    const { page } = desk;
    const outside = searchMessages.rutOutsideScope;
    // «este equipo solo tiene las empresas que usted visita y su gente»: the header counts the
    // same people (Los Andes' and Araucanía's), not the demo replica's 2,000.
    await expect(page.locator('.person-count')).toHaveText('9 personas');
    // Rosa exists, registered and active, outside his companies.
    await desk.find(ROSA);
    await expect(page.getByText(outside(ROSA))).toBeVisible();
    await expect(page.locator('.notices')).not.toContainText(
      /RUT no registrado|Pruebe con el RUT|réplica/,
    );
    await expectAccessible(page, 'búsqueda: RUT fuera de sus empresas');
    // A RUT nobody has reads exactly the same: whether it exists is not his to know.
    await desk.find('1-9');
    await expect(page.getByText(outside('1-9'))).toBeVisible();
    await expect(page.locator('.notices')).not.toContainText(/RUT no registrado|Pruebe con el RUT/);
    // La Espiga's RUT is a company's, not his: said as a company, not as a person.
    await desk.find('78.901.234-2');
    await expect(page.locator('.notices')).toContainText(
      'El RUT 78.901.234-2 es de empresa, y no es una de sus empresas asignadas',
    );
    await expect(page.locator('.notices')).not.toContainText(/personas vigentes|incorporarlo/);
  });

  test('his own row, on his company’s page and in his record, speaks to him as «usted»', async ({
    desk,
  }) => {
    const { page } = desk;
    // Héctor, the officer, is also Comercial Araucanía's legal representative and its access
    // administrator, his agreement unsigned.
    await desk.find('comercial araucania');
    await desk.option('Comercial Araucanía S.A.').click();
    const company = page.getByRole('region', { name: 'Empresa' });
    await expect(company.getByRole('heading', { level: 1 })).toHaveText('Comercial Araucanía S.A.');
    // His laptop holds his people's requests only: said, so none missing reads as none at all.
    await expect(company).toContainText(
      'En este equipo están solo las solicitudes de las personas de la empresa que tiene',
    );
    const unsigned =
      'Aún no puede pedirlo: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).';
    await expect(
      company.getByText(
        `Solo usted puede pedir que se le quite el acceso o un módulo (usted tiene la representación legal de la empresa según su registro), y nadie más de la empresa puede pedir módulos ahora. ${unsigned}`,
        { exact: true },
      ),
    ).toBeVisible();
    await expect(
      company.getByText(
        'Nadie de la empresa puede pedir cambios de sus usuarios ahora. Usted no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).',
        { exact: true },
      ),
    ).toBeVisible();
    // Nowhere is he told of himself by name as of someone else.
    await expect(company).not.toContainText('Solo Héctor');
    await expect(company).not.toContainText('Vásquez no puede pedirlo');
    await expectAccessible(page, 'empresa del prevencionista: su propia fila');

    await desk.open('10.203.040-0');
    const araucania = desk.record.getByRole('row').filter({ hasText: 'Comercial Araucanía S.A.' });
    await expect(
      araucania.getByText(
        `Solo usted puede pedir que se le quite el acceso: usted tiene la representación legal de la empresa según su registro. ${unsigned}`,
        { exact: true },
      ),
    ).toBeVisible();
  });
});

test('a tab opened without the door’s key says how to open the desk, and offers no sign-in', async ({
  desk,
  door,
}) => {
  // Another tab of the same browser: the key the first tab keeps is its own (sessionStorage).
  const keyless = await desk.page.context().newPage();
  await keyless.goto(door.url.replace(/#.*$/, ''));
  await expect(keyless.getByRole('alert')).toHaveText(
    'Esta pestaña no tiene la llave de la Mesa de Ayuda web: abra la dirección completa que mostró la consola al iniciarla (termina en «#token=…»).',
  );
  await expect(keyless.getByRole('button', { name: 'Ingresar' })).toHaveCount(0);
  await expectAccessible(keyless, 'pestaña sin la llave');
  await keyless.close();
});

test('«Sincronizar ahora» on a desk with no central API says why it waits, and to whom to turn', async ({
  desk,
}) => {
  const { page } = desk;
  // Nothing wrong and nothing waiting, but not the green of a desk in sync.
  await expect(page.locator('.sync-indicator')).toHaveClass(/\bsync-idle\b/);
  await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
  const now = page.getByRole('button', { name: 'Sincronizar ahora' });
  await expect(now).toHaveAttribute('aria-disabled', 'true');
  await expect(now).toHaveAccessibleDescription(
    'Este equipo aún no tiene la dirección del sistema central: pídale a un supervisor que la configure.',
  );
  await expectAccessible(page, 'sincronización sin sistema central');
});

test('an action applied without its mail is listed with what to do, and opens the record where it is asked again', async ({
  desk,
}) => {
  const { page } = desk;
  // The central's word is faked here (it takes an action three hours late, which the web door's
  // clock cannot make); its path through main is sync.test.ts's.
  const withheld: SyncIssue = {
    actionId: 'late-1',
    kind: 'person.update_contact',
    agentId: 'agent-demo',
    agentName: 'Alicia Agente',
    personRut: '12345678-5',
    personName: 'Pedro Andrés González Muñoz',
    companyName: null,
    createdAt: '2026-12-04T13:00:00.000Z',
    state: 'mail_withheld',
    code: null,
    message: null,
    mailsWithheld: ['email_confirmation'],
    conflicts: [],
    centralChange: null,
  };
  await page.route('**/api/sync.issues', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: true, value: [withheld] }),
    }),
  );
  await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
  const item = page.locator('li.issue');
  await expect(item).toContainText(syncMessages.mailWithheldTitle);
  await expect(item).toContainText(syncMessages.mailWithheld(['email_confirmation'], true));
  await expect(item).toContainText('el correo «Confirmación de correo»');
  // Named as the record's button names it.
  await expect(item).toContainText('pídalo con «Enviar: Confirmación de correo»');
  // The way to the record first: Enter on the row never just dismisses the mail unseen.
  await expect(item.getByRole('button')).toHaveText([syncMessages.openRecord, 'Entendido']);
  await expectAccessible(page, 'sincronización: aplicada sin su correo');
  await item.getByRole('button', { name: syncMessages.openRecord }).click();
  const record = page.getByRole('region', { name: 'Ficha' });
  await expect(record).toContainText('Pedro Andrés González Muñoz');
  await expect(record).toBeFocused();
});

test('a change to an access the central already has «De baja» does not ask for it again', async ({
  desk,
}) => {
  const { page } = desk;
  // Faked as above: a disable that reached the central after the company dismissed Pedro there
  // (the conflict's shape is apply-intent's, `state` against `removed`).
  const late: SyncIssue = {
    actionId: 'late-2',
    kind: 'membership.disable',
    agentId: 'agent-demo',
    agentName: 'Alicia Agente',
    personRut: '12345678-5',
    personName: 'Pedro Andrés González Muñoz',
    companyName: 'Constructora Los Andes SpA',
    createdAt: '2026-12-04T13:00:00.000Z',
    state: 'conflict',
    code: null,
    message: null,
    mailsWithheld: [],
    conflicts: [{ field: 'state', yours: 'disabled', theirs: 'removed' }],
    centralChange: null,
  };
  await page.route('**/api/sync.issues', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: true, value: [late] }),
    }),
  );
  await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
  const item = page.locator('li.issue');
  await expect(item).toContainText('Conflicto: ');
  await expect(item).toContainText(syncMessages.theirsRemoved);
  // «Hágala de nuevo» would send the agent to redo what can no longer be done.
  await expect(item).not.toContainText('hágala de nuevo');
  await expectAccessible(page, 'sincronización: conflicto con un acceso de baja');
});

test('«Próximo intento» counts down between two readings of the status', async ({ desk }) => {
  const { page } = desk;
  // The status as main says it, with a wait of 65 s (a failing server's backoff): each reading
  // (the badge asks every 3 s) says 65 s again, and the screen counts down in between.
  await page.route('**/api/sync.status', async (route) => {
    const answer = await route.fetch();
    const body = (await answer.json()) as { ok: boolean; value: Record<string, unknown> };
    body.value['nextAttemptInMs'] = 65_000;
    await route.fulfill({ response: answer, json: body });
  });
  await page.getByRole('button', { name: 'Sincronización', exact: true }).click();
  const next = page.locator('dt', { hasText: 'Próximo intento' }).locator('+ dd');
  await expect(next).toHaveText('en 1 min 5 s');
  await expect(next).toHaveText(/^en 1 min [0-3] s$/);
});

test('a company filter left on never hides the next caller', async ({ desk }) => {
  const { page } = desk;
  await desk.find('constructora los andes');
  await openCompanyPeople(desk);
  const chip = page.getByRole('button', { name: /Filtrando por Constructora Los Andes SpA/ });
  await expect(chip).toBeVisible();

  // Rosa is not in that company: the empty answer says where it looked, and offers the rest.
  await desk.find(ROSA);
  await expect(
    page.getByText(
      `Sin resultados para «${ROSA}» dentro de Constructora Los Andes SpA. La búsqueda está filtrada por esa empresa.`,
    ),
  ).toBeVisible();
  await expectAccessible(page, 'búsqueda filtrada sin resultados');
  await page.getByRole('button', { name: 'Buscar en todas las empresas (Enter)' }).click();
  await expect(chip).toHaveCount(0);
  await expect(desk.option(ROSA)).toHaveCount(1);

  // Enter does the same from the box.
  await desk.find('constructora los andes');
  await openCompanyPeople(desk);
  await desk.find(ROSA);
  // The notice on screen (the same words are read out from a hidden live region once typing
  // settles: two matches then).
  await expect(
    page.locator('p:not(.visually-hidden)', { hasText: /dentro de Constructora Los Andes SpA/ }),
  ).toBeVisible();
  await desk.search.press('Enter');
  await expect(desk.option(ROSA)).toHaveCount(1);
  await expect(chip).toHaveCount(0);

  // Ctrl+K starts over for a new caller: the filter goes.
  await desk.find('constructora los andes');
  await openCompanyPeople(desk);
  await expect(chip).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(chip).toHaveCount(0);
  await expect(desk.search).toBeFocused();
});

test('status badges in the results are never cut off', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1280, height: 720 });
  await desk.find(PEDRO);
  const row = desk.option(PEDRO);
  await expect(
    row.getByText(/^Bloqueado temporalmente hasta \d\d:\d\d tras 6 intentos$/),
  ).toBeVisible();
  await desk.find('a');
  await expect(desk.options.first()).toBeVisible();
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('[role="option"] .badge')].flatMap((badge) => {
      const row = badge.closest('[role="option"]')!.getBoundingClientRect();
      const box = badge.getBoundingClientRect();
      const cut = box.right > row.right + 0.5 || box.bottom > row.bottom + 0.5;
      return cut || badge.scrollWidth > badge.clientWidth ? [badge.textContent] : [];
    }),
  );
  expect(clipped).toEqual([]);
  await expectAccessible(page, 'resultados con estados');
});

test('the result counts agree, and no timings are shown to the agent', async ({ desk }) => {
  const { page } = desk;
  const footer = page.locator('footer.statusbar');
  await desk.find('a');
  await expect(page.getByText(/se listan solo las primeras 200/)).toBeVisible();
  await expect(footer).toHaveText(/^50 de 200 personas( · \d+ empresas?)?$/);
  await desk.find(PEDRO);
  await expect(footer).toHaveText('1 persona');
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(footer).not.toContainText('ms');
  await expectAccessible(page, 'ficha abierta');
});

/** The names in a company's «Todas sus personas» cut short (none: each is whole). */
async function cutNames(desk: DeskPage, selector: string): Promise<string[]> {
  await desk.find('la espiga');
  await desk.option('Panadería La Espiga Limitada').click();
  const people = desk.page.locator('.company-users');
  await expect(people.getByText('Cristóbal Andrés Paredes Mora')).toBeAttached();
  return people.evaluate(
    (list, s) =>
      [...list.querySelectorAll<HTMLElement>(s)]
        .filter((name) => name.scrollWidth > name.clientWidth)
        .map((name) => name.textContent ?? ''),
    selector,
  );
}

test.describe('at 200% zoom of a 1280 × 720 window (640 × 360)', () => {
  test.use({ viewport: { width: 640, height: 360 } });

  test('the desk reflows: the page scrolls, the record under the results, nothing but a table wider than the window', async ({
    desk,
  }) => {
    const { page } = desk;
    await desk.find('12.345.678-5');
    await desk.search.press('Enter');
    await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
    // Enter brings the record's top into view with the focus (the screen looked unchanged).
    await expect(desk.record).toBeFocused();
    await expect(desk.record.getByRole('heading', { level: 1 })).toBeInViewport();
    // Under the results, not beside them in a sliver.
    const results = (await page.locator('.left').boundingBox())!;
    const record = (await desk.record.boundingBox())!;
    expect(record.y).toBeGreaterThanOrEqual(results.y + results.height - 1);
    expect(record.width).toBeGreaterThan(600);
    // The page scrolls, top bar and all: the record's end can be reached.
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return window.scrollY;
    });
    expect(scrolled).toBeGreaterThan(300);
    // Only a data table may be wider than the window (WCAG 1.4.10's exception).
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest('table') && getComputedStyle(el).position !== 'fixed')
        .map((el) => el.tagName + '.' + el.className),
    );
    expect(wider).toEqual([]);
  });
});

test.describe('at 400% zoom of a 1280 × 720 window (320 × 256, WCAG 1.4.10)', () => {
  test.use({ user: 'supervisora', viewport: { width: 320, height: 256 } });

  test('every screen reflows to one column: only a data table scrolls sideways, in its own box', async ({
    desk,
  }) => {
    const { page } = desk;
    /** What reaches past the window's right edge, a table's insides apart (their box scrolls). */
    const sideways = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        elements: [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .filter((el) => getComputedStyle(el).position !== 'fixed')
          .filter((el) => !el.parentElement?.closest('.table-scroll'))
          .map((el) => `${el.tagName}.${el.className}`),
      }));
    await expect.poll(sideways).toEqual({ page: 0, elements: [] });
    await desk.find('12.345.678-5');
    await desk.search.press('Enter');
    await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(sideways).toEqual({ page: 0, elements: [] });
    // His e-mail is read whole, wrapped if need be, not cut at the window's edge.
    const email = desk.record
      .getByRole('definition')
      .filter({ hasText: 'pedro.gonzalez@gmail.com' });
    const box = (await email.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    // A table wider than the window is a region of its own that the keyboard can scroll.
    const accounts = desk.record.getByRole('region', { name: /^Cuentas por portal \(tabla/ });
    await accounts.focus();
    await expect(accounts).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => accounts.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expectAccessible(page, 'ficha a 320 px');
    // «Salir» is on the screen, not half off it.
    const out = (await page.getByRole('button', { name: 'Salir' }).boundingBox())!;
    expect(out.x + out.width).toBeLessThanOrEqual(320);
    const sections = page.getByRole('navigation', { name: 'Secciones' });
    for (const tab of [
      'Llamadas',
      'Auditoría',
      'Ley 21.719',
      'Solicitudes de acceso',
      'Sincronización',
      'Panel',
    ]) {
      await sections.getByRole('button', { name: tab, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await expect.poll(sideways, { message: tab }).toEqual({ page: 0, elements: [] });
    }
  });
});

test.describe('in a 1024 × 700 window', () => {
  test.use({ user: 'supervisora', viewport: { width: 1024, height: 700 } });

  test('the supervisor reaches every tab and «Salir», and the record fits its pane', async ({
    desk,
  }) => {
    const { page } = desk;
    const sideways = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    expect(await sideways()).toBeLessThanOrEqual(0);
    for (const name of ['Búsqueda', 'Panel', 'Sincronización', 'Salir']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    // The focus ring on the dark top bar is white (the accent would be 1.9:1 against it).
    await page.getByRole('button', { name: 'Búsqueda', exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Llamadas', exact: true })).toHaveCSS(
      'outline-color',
      'rgb(255, 255, 255)',
    );
    await desk.find(PEDRO);
    await desk.search.press('Enter');
    await expect(desk.record.getByRole('heading', { level: 1 })).toBeVisible();
    // Every action of the record's tables is whole in its pane, without scrolling sideways.
    const cut = await desk.record.evaluate((record) => {
      const pane = record.getBoundingClientRect();
      return [...record.querySelectorAll('table button')].flatMap((button) => {
        const box = button.getBoundingClientRect();
        return box.right > pane.right + 0.5 ? [button.textContent] : [];
      });
    });
    expect(cut).toEqual([]);
    expect(await desk.record.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await sideways()).toBeLessThanOrEqual(0);
    // Nor downwards: what the record hides for screen readers stays in its pane, so the window
    // never scrolls the top bar, the call bar and the search away.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
    ).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'ventana de 1024 px');

    // The Auditoría's table fits too, with a long change in it (a new phone and a reason).
    await desk.record.getByRole('button', { name: 'Editar contacto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
    await dialog.getByLabel('Celular', { exact: true }).fill('+56 9 1111 2222');
    await dialog
      .getByLabel('Motivo')
      .fill('Lo pidió por correo desde maria.jose.gonzalez.contreras@constructoralosandes.cl');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByRole('status')).toHaveText('Datos de contacto actualizados.');
    await page.getByRole('button', { name: 'Auditoría', exact: true }).click();
    const audit = page.getByRole('table').filter({ hasText: 'Cambió datos de contacto' });
    await expect(audit.getByRole('columnheader', { name: 'Equipo' })).toBeInViewport({ ratio: 1 });
    expect(await sideways()).toBeLessThanOrEqual(0);
  });

  test('a company’s people read with their whole names, and their dates whole below', async ({
    desk,
  }) => {
    // They read «Cri…», «V…» here while every date showed; then the dates read «desde 0…».
    expect(await cutNames(desk, '.company-user-name')).toEqual([]);
    expect(await cutNames(desk, '.company-user .membership-summary')).toEqual([]);
  });
});

test('F1 lists every keyboard shortcut, and the dialog gives the focus back', async ({ desk }) => {
  const { page } = desk;
  await desk.search.focus();
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(dialog).toBeVisible();
  // It opens at its top, and lists only what this agent can use (no supervisors' selection).
  await expect(dialog.getByRole('heading', { name: 'Atajos de teclado' })).toBeInViewport();
  for (const keys of ['Ctrl+K', 'Ctrl+Mayús+L', 'F1 o ?', 'F2', 'F3']) {
    await expect(dialog.getByRole('rowheader', { name: keys, exact: true })).toBeVisible();
  }
  // Enter opens a result, and on a company's page a person's record (Esc comes back).
  await expect(dialog.getByRole('rowheader', { name: 'Enter', exact: true })).toHaveCount(2);
  await expect(
    dialog.getByRole('row', { name: 'Enter En el nombre de una persona, abrir su ficha' }),
  ).toBeVisible();
  await expect(dialog.getByRole('rowheader', { name: 'Mayús+↑ ↓', exact: true })).toHaveCount(0);
  await expectAccessible(page, 'atajos de teclado');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(desk.search).toBeFocused();
  // Also from the top bar, for whoever does not know F1.
  await page.getByRole('button', { name: 'Atajos', exact: true }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  await expect(dialog).toHaveCount(0);
});

test('advice for the caller is shown as advice, not as something in the way', async ({ desk }) => {
  // Jorge, La Espiga's outside accountant: an affiliate, who enters with his usual password.
  await desk.find('19.283.746-4');
  await desk.search.press('Enter');
  const diagnosis = desk.record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
  const advice = diagnosis.getByRole('listitem').filter({ hasText: 'contraseña de siempre' });
  await expect(advice).toHaveClass(/cause-advice/);
  await expect(advice).toContainText('ingrese a Portal Empresas con su contraseña habitual');
  // A tip alone is no reason he cannot get in: that is said first.
  await expect(diagnosis.locator('.cause').first()).toContainText('Sin impedimentos a la vista');
});

test('dismissed from one company, still open at another: the diagnosis says so (seed 000)', async ({
  desk,
}) => {
  // Camila calls: «me desvincularon». She was, from Transportes Biobío; Los Andes is still hers.
  await desk.find('16.789.012-1');
  await desk.search.press('Enter');
  const diagnosis = desk.record.getByRole('region', { name: '¿Por qué no puede ingresar?' });
  const advice = diagnosis.getByRole('listitem').filter({ hasText: 'De baja en' });
  await expect(advice).toHaveClass(/cause-advice/);
  await expect(advice).toContainText(
    'De baja en Transportes Biobío Limitada; sigue con acceso a Constructora Los Andes SpA',
  );
  await expect(advice).toContainText('Puede seguir ingresando a Constructora Los Andes SpA');
  await expect(diagnosis).not.toContainText('Sin impedimentos');
  await expectAccessible(desk.page, 'de baja en una empresa, activa en otra');
});

test('a worker who does not know who gives modules hears it from the record (rule 9, seed 000)', async ({
  desk,
}) => {
  // Pedro, a worker of Los Andes: «¿a quién le pido el módulo de siniestros?»
  await desk.find('12.345.678-5');
  await desk.search.press('Enter');
  const admins = desk.record
    .getByRole('listitem')
    .filter({ hasText: 'Constructora Los Andes SpA' })
    .filter({ hasText: 'Ricardo' });
  await expect(desk.record).toContainText(
    recordMessages.accessAdminsTitle({ paused: false, disabled: false }),
  );
  await expect(admins).toContainText(
    'Diego Sebastián Herrera Soto (19.876.543-0, por designación del representante legal)',
  );
  await expect(admins).toContainText(
    'Ricardo Alberto Muñoz Vidal (12.131.415-0, representante legal)',
  );
  await expect(admins).toContainText('Paula Andrea Rojas Tapia (15.161.718-2, contacto comercial)');
  await expectAccessible(desk.page, 'a quién pedir módulos');
});

test('a record the screen cannot draw says so in its place; the rest of the desk goes on', async ({
  desk,
}) => {
  const { page } = desk;
  // Pedro's record arrives in a shape this screen cannot read (as from a mismatched build).
  await page.route('**/api/persons.get', async (route) => {
    const response = await route.fetch();
    const envelope = (await response.json()) as {
      ok: boolean;
      value?: { rut: string; memberships: Array<Record<string, unknown>> };
    };
    if (envelope.value?.rut === '12345678-5') {
      for (const membership of envelope.value.memberships) delete membership['accessAdmins'];
    }
    await route.fulfill({ response, json: envelope });
  });
  await desk.find('12.345.678-5');
  await desk.search.press('Enter');
  const failed = page.getByRole('alert').filter({ hasText: screenErrorMessages.title });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText(screenErrorMessages.say);
  // The header, the search and the call bar are still there: another person opens.
  await expect(page.getByRole('combobox', { name: 'Buscar' })).toBeVisible();
  await desk.find('16.789.012-1');
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(
    'Camila Fernanda Soto Ibáñez',
  );
  await expect(failed).toHaveCount(0);
  await expectAccessible(page, 'ficha que no se pudo mostrar, y la siguiente');
});

test("the browser's Back and Forward move between screens and never leave the desk", async ({
  desk,
}) => {
  const { page } = desk;
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
  await page.getByRole('button', { name: 'Llamadas' }).click();
  await expect(heading('Llamadas')).toBeVisible();
  await page
    .getByRole('button', { name: /^Sincronización/ })
    .first()
    .click();
  await expect(heading('Sincronización')).toBeVisible();
  // The indicator takes the focus there, as the tabs do: where the agent landed is read out.
  await expect(heading('Sincronización')).toBeFocused();

  await page.goBack();
  await expect(heading('Llamadas')).toBeVisible();
  await page.goBack();
  await expect(desk.search).toBeVisible();
  await expect(page.getByRole('button', { name: 'Búsqueda' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.goForward();
  await expect(heading('Llamadas')).toBeVisible();
  // Still signed in, on the same page: nothing was reloaded.
  await expect(page.getByText(/2\.000 personas/)).toBeVisible();
});

test.describe('as the supervisor', () => {
  test.use({ user: 'supervisora' });

  test('«Cambiar perfil» never names an access administrator, and says how one is named', async ({
    desk,
  }) => {
    const { page } = desk;
    await desk.open(PEDRO);
    await desk.record.getByRole('button', { name: 'Cambiar perfil' }).first().click();
    const dialog = page.getByRole('dialog', { name: /Cambiar perfil/ });
    const profile = dialog.getByLabel('Perfil');
    // Nothing chosen for the agent; the profile held now is said, and never offered again.
    await expect(profile.getByRole('option')).toHaveText([
      'Elija el perfil nuevo (hoy: Trabajador)',
      'Usuario empresa',
    ]);
    await expect(profile).toHaveAccessibleDescription(
      /no se nombra aquí: en ACHS lo nombra el representante legal/,
    );
    // Pedro's company is on ACHS: the other portal's way is not his company's.
    await expect(profile).not.toHaveAccessibleDescription(/Portal Empresas/);
    await expectAccessible(page, 'Cambiar perfil');
  });

  test('«Cambiar perfil» gives a Portal Empresas worker no company profile, and says how one comes', async ({
    desk,
  }) => {
    // Daniela: a worker of Distribuidora Reyes Araucanía, a Portal Empresas company.
    await desk.open('5.031.400-6');
    const button = desk.record.getByRole('button', { name: 'Cambiar perfil' });
    await expect(button).toBeDisabled();
    // Said under the companies, with the company's name (beside it, in the narrow column, it
    // ran twenty lines at 1024 px).
    const why = `«Cambiar perfil» en Distribuidora Reyes Araucanía SpA: ${deniedMessages.profile_not_by_change}`;
    await expect(button).toHaveAccessibleDescription(why);
    await expect(desk.record.getByText(why)).toBeVisible();
    await expect(
      desk.record.getByRole('row', { name: /Distribuidora Reyes Araucanía/ }),
    ).not.toContainText(deniedMessages.profile_not_by_change);
  });
});

test.describe('in a 1024 × 768 window, as an agent', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('a company’s people read with their whole names', async ({ desk }) => {
    expect(await cutNames(desk, 'li > .link')).toEqual([]);
  });

  test('an outside company user’s record fits its pane, refusals and all', async ({ desk }) => {
    // Jorge: «Usuario empresa EXTERNO», and «Cambiar perfil» refused with its reason beside it.
    await desk.open('19.283.746-4');
    await expect(desk.record.getByText('externo', { exact: true })).toBeVisible();
    expect(await desk.record.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  test('a person of two companies fits too: «Cambiar perfil» waits, its reason said once', async ({
    desk,
  }) => {
    await desk.open('16.789.012-1');
    await expect(
      desk.record.getByText('Cambiar perfiles desde esta mesa es de un supervisor', {
        exact: false,
      }),
    ).toHaveCount(1);
    expect(await desk.record.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
});

test.describe('in a 1024 × 768 window, as an officer', () => {
  test.use({ user: 'prevencion', viewport: { width: 1024, height: 768 } });

  test('a disabled administrator’s record and its «Habilitar» dialog fit without scrolling sideways', async ({
    desk,
  }) => {
    const { page } = desk;
    const sideways = (selector: string) =>
      page.evaluate((s) => {
        const box = document.querySelector(s) as HTMLElement;
        return box.scrollWidth - box.clientWidth;
      }, selector);
    // Paula: an access administrator (the commercial contact) of Los Andes, the longest words a
    // company row has. (Its legal representative's access is taken away only at his own request.)
    await desk.find('15.161.718-2');
    await desk.search.press('Enter');
    await expect(desk.record.getByRole('heading', { level: 1 })).toContainText('Paula');
    await desk.record.getByRole('button', { name: 'Inhabilitar' }).first().click();
    const dialog = page.getByRole('dialog');
    await askedBy(dialog, 'Ricardo Alberto Muñoz Vidal · Representante legal');
    await dialog.getByLabel('Motivo').fill('Pedido de la empresa');
    await dialog.getByRole('button', { name: 'Inhabilitar', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    const enable = desk.record.getByRole('row').getByRole('button', { name: 'Habilitar' });
    await expect(enable).toBeVisible();
    expect(await sideways('section.record')).toBe(0);
    // Who may ask, by their long names and kinds, does not widen the dialog past the window.
    await enable.click();
    await expect(dialog.getByRole('group', { name: 'Quién lo pide' })).toBeVisible();
    expect(await sideways('.dialog')).toBe(0);
    await expectAccessible(page, 'Habilitar a un administrador, 1024 × 768');
  });
});

/** Pedro's record open here; the same desk in another window, where its agent signs out. */
async function pedroHereAndSignedOutThere(desk: DeskPage, url: string) {
  await desk.find('12.345.678-5');
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(
    'Pedro Andrés González Muñoz',
  );
  const other = await desk.page.context().newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Salir' }).click();
  await expect(other.getByLabel('Usuario')).toBeVisible();
  return other;
}

test('a window whose agent signed out in another window of the desk asks to sign in again, acting as nobody', async ({
  desk,
  door,
}) => {
  const { page } = desk;
  await (await pedroHereAndSignedOutThere(desk, door.url)).close();
  // Back here, the window says why and asks to sign in: nothing of the record stays.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('status').filter({ hasText: 'terminó o cambió' })).toHaveText(
    'La sesión de este equipo terminó o cambió (se salió o ingresó otro usuario, quizá en otra ventana): ingrese de nuevo para seguir.',
  );
  await expect(page.getByLabel('Usuario')).toBeVisible();
  await expect(desk.record).toHaveCount(0);
  await expectAccessible(page, 'sesión cerrada en otra ventana');
});

test('a click in a window whose agent was replaced in another window does nothing, and says so', async ({
  desk,
  door,
}) => {
  const { page } = desk;
  // This window does not look at the lock state meanwhile: only its click meets main.
  let holdLook = true;
  await page.route('**/api/auth.lockState', async (route) => {
    while (holdLook) await new Promise((resolve) => setTimeout(resolve, 100));
    await route.continue();
  });
  // Pedro's unlock ready to confirm here…
  await desk.find('12.345.678-5');
  await desk.search.press('Enter');
  await desk.record.getByRole('button', { name: 'Desbloquear' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('N° de serie de la cédula').check();
  await dialog.getByLabel('Empresa empleadora').check();
  // …while in another window the agent signs out and the supervisor signs in.
  const other = await page.context().newPage();
  await other.goto(door.url);
  await other.getByRole('button', { name: 'Salir' }).click();
  await fillSignIn(other, 'supervisora', 'super600');
  await expect(other.getByRole('combobox', { name: 'Buscar' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Desbloquear' }).click();
  // Refused: the window goes to the sign-in, saying nothing was done.
  await expect(page.getByRole('status').filter({ hasText: 'no se hizo nada' })).toHaveText(
    errorMessages.session_changed,
  );
  await expect(page.getByLabel('Usuario')).toBeVisible();
  await expect(desk.record).toHaveCount(0);
  holdLook = false;
  // Nor was it done as the supervisor now signed in: Pedro is still locked out.
  await searchFor(other, '12.345.678-5');
  await other.getByRole('combobox', { name: 'Buscar' }).press('Enter');
  const record = other.getByRole('region', { name: 'Ficha' });
  await expect(record.getByRole('button', { name: 'Desbloquear' }).first()).toBeVisible();
  await other.close();
});

test('a desk another agent signed into and locked in another window shows this window nothing of the last agent', async ({
  desk,
  door,
}) => {
  const { page } = desk;
  // In another window the supervisor signs in, and locks the desk as she steps away.
  const other = await pedroHereAndSignedOutThere(desk, door.url);
  await fillSignIn(other, 'supervisora', 'super600');
  await expect(other.getByRole('combobox', { name: 'Buscar' })).toBeVisible();
  await other.keyboard.press('Control+Shift+L');
  await expect(other.getByText('Sesión de Sara Supervisora')).toBeVisible();
  await other.close();
  // Here, her lock: and behind it nothing of the agent's desk, even once she unlocks here.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByText('Sesión de Sara Supervisora')).toBeVisible();
  await page.getByLabel('Contraseña').fill('super600');
  await page.getByRole('button', { name: 'Desbloquear' }).click();
  await expect(desk.search).toBeVisible();
  await expect(desk.search).toHaveValue('');
  await expect(page.getByText('Pedro Andrés González Muñoz')).toHaveCount(0);
  await expect(page.getByText('Sara Supervisora')).toBeVisible();
});

test('a temporary lock that ends while on screen: its record and the results are read again then (walk 60a M2)', async ({
  desk,
}) => {
  const { page } = desk;
  // Main says Pedro's lock ends in two seconds (the demo's lasts longer): what is on screen
  // must be read again when it does, not go on saying «Puede esperar hasta las …».
  const soon = new Date(Date.now() + 2_000).toISOString();
  const moved = (body: string) =>
    body.replace(/"(until|lockedUntil)":"[^"]+"/g, (_whole, key: string) => `"${key}":"${soon}"`);
  const reads: Array<{ channel: string; input: string }> = [];
  for (const channel of ['persons.get', 'persons.search']) {
    await page.route(`**/api/${channel}`, async (route) => {
      reads.push({ channel, input: route.request().postData() ?? '' });
      const response = await route.fetch();
      await route.fulfill({ response, body: moved(await response.text()) });
    });
  }
  await desk.find(PEDRO);
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toContainText('Pedro');
  const searches = () => reads.filter((read) => read.channel === 'persons.search');
  const views = () => reads.filter((read) => read.channel === 'persons.get');
  const [searchesBefore, viewsBefore] = [searches().length, views().length];
  // Read again about a second after the end: the record as a reload, the results as the
  // desk's own reading (not audited as the agent's search).
  await expect.poll(() => views().length, { timeout: 8_000 }).toBeGreaterThan(viewsBefore);
  expect(JSON.parse(views().at(-1)!.input)).toMatchObject({
    rut: '12345678-5',
    via: 'reload',
    refresh: true,
  });
  await expect.poll(() => searches().length, { timeout: 8_000 }).toBeGreaterThan(searchesBefore);
  expect(JSON.parse(searches().at(-1)!.input)).toMatchObject({ refresh: true });
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('too many matches for the start of a RUT: keep typing the RUT, not add a name (walk 60a L4)', async ({
  desk,
}) => {
  await desk.find('1');
  await expect(desk.page.locator('.notices')).toContainText(
    'Hay más de 200 coincidencias y se listan solo las primeras 200. Siga escribiendo el RUT para acotar.',
  );
  await desk.find('gonzalez');
  await expect(desk.page.locator('.notices')).not.toContainText('Siga escribiendo el RUT');
});
