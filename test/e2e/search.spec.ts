import { expect, test } from './fixtures';

const PEDRO = 'Pedro Andrés González Muñoz';

test('the cursor starts in the search box; progress bars stand still when asked for less motion', async ({
  desk,
}) => {
  await expect(desk.search).toBeFocused();
  // The desk's own stylesheet on a bar like those it shows while loading.
  const animation = () =>
    desk.page.evaluate(() => {
      const bar = document.createElement('div');
      bar.className = 'progress';
      document.body.append(bar);
      const name = getComputedStyle(bar).animationName;
      bar.remove();
      return name;
    });
  // A native bar without a value (the notice of data still arriving): frames a moment apart.
  const frames = async () => {
    await desk.page.evaluate(() => {
      const bar = document.createElement('progress');
      bar.id = 'motion-probe';
      bar.setAttribute('aria-label', 'Cargando');
      document.body.prepend(bar);
    });
    const probe = desk.page.locator('#motion-probe');
    const shots = new Set<string>();
    for (let i = 0; i < 4; i++) {
      shots.add((await probe.screenshot({ animations: 'allow' })).toString('base64'));
      await desk.page.waitForTimeout(150);
    }
    await probe.evaluate((bar) => bar.remove());
    return shots.size;
  };
  expect(await animation()).toBe('progress');
  expect(await frames()).toBeGreaterThan(1);
  await desk.page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
  expect(await frames()).toBe(1);
});

test('a dotted RUT finds the person, Enter opens the record with its state badges', async ({
  desk,
}) => {
  await desk.page.keyboard.type('12.345.678-5');
  await expect(desk.options.first()).toContainText(PEDRO);
  await desk.page.keyboard.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(PEDRO);
  await expect(desk.record.getByText('12.345.678-5').first()).toBeVisible();
  await expect(
    desk.record.getByText(/^Bloqueado temporalmente hasta \d{2}:\d{2} tras 6 intentos$/).first(),
  ).toBeVisible();
  await expect(desk.record.getByText('••••••746')).toBeVisible();
  await expect(
    desk.record.getByRole('cell', { name: 'Restablecer contraseña', exact: true }),
  ).toBeVisible();
});

test('a RUT without check digit finds the person', async ({ desk }) => {
  await desk.find('12345678');
  await expect(desk.options.first()).toContainText(PEDRO);
});

test('an accentless name finds the accented person, in any word order, and as it was heard', async ({
  desk,
}) => {
  // Written as heard over the phone (walk 56b, M3): found by how it sounds, and said so.
  await desk.find('sepulbeda munos maria');
  await expect(desk.page.locator('.notices')).toHaveText(
    'Ningún nombre se escribe como «sepulbeda munos maria»; se muestran nombres parecidos, que suenan igual o se escriben casi igual. Confirme con la persona cómo se escribe su nombre, o pídale su RUT.',
  );
  await expect(desk.option('María José Muñoz Sepúlveda')).toHaveCount(1);
  await desk.find('sepulveda munoz maria');
  await expect(desk.page.locator('.notices')).toBeEmpty();
  await expect(desk.option('María José Muñoz Sepúlveda')).toHaveCount(1);
  await desk.option('María José Muñoz Sepúlveda').click();
  await expect(desk.record.getByText('Registro bloqueado').first()).toBeVisible();
  // The help desk unlocks it itself: not «solo la mesa de ayuda puede» to a caller talking to it.
  await expect(
    desk.record.getByRole('region', { name: '¿Por qué no puede ingresar?' }),
  ).toContainText(
    'El registro se invalidó por seguridad (N° de serie incorrecto): se lo desbloqueo ahora.',
  );
});

test('a company’s name written as it was heard finds the company, and says so', async ({
  desk,
}) => {
  await desk.find('constructora los andez');
  await expect(desk.page.locator('.notices')).toHaveText(
    'Ninguna empresa ni persona se llama «constructora los andez»; se muestran empresas de nombre parecido, que suena igual o se escribe casi igual. Confirme con quien llama el nombre de la empresa, o pídale su RUT.',
  );
  // Companies alone answered: the empty record asks for one of them, not for a person.
  await expect(desk.record).toContainText(
    'Seleccione una empresa con ↑ ↓ y Enter para abrir su página.',
  );
  await desk.option('Constructora Los Andes SpA').click();
  await expect(desk.page.getByRole('region', { name: 'Empresa' })).toContainText(
    'Constructora Los Andes SpA',
  );
});

test('a wrong check digit is explained and the near match still shown', async ({ desk }) => {
  await desk.find('12.345.678-6');
  // The same words as every RUT field's: the digit typed, not the whole RUT again.
  const words =
    'RUT inválido: con esos números el dígito verificador sería 5, no 6. Revise los números y el dígito. Enter no abre a nadie con ese dígito: si busca a la persona que se muestra, elíjala con ↓ y Enter, o con el mouse.';
  await expect(desk.page.locator('.notices')).toHaveText(words);
  await expect(desk.options.first()).toContainText(PEDRO);
  // Said once the typing settles, with the count; never while the RUT is half typed, as each
  // keystroke's answer is true of that half only (a live region read «RUT inválido» per digit).
  const said = desk.page.locator('p[aria-live="polite"].visually-hidden');
  await expect(said).toHaveText(new RegExp(`^${words.replace(/[.()]/g, '\\$&')} 1 persona`));
  await expect(desk.page.locator('.notices [role="alert"], .notices[aria-live]')).toHaveCount(0);
  // Enter alone opens nobody: the near match may be someone else (rule 1).
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(desk.search).toBeFocused();
  // Picked with ↓, it opens.
  await desk.search.press('ArrowDown');
  await desk.search.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(
    'Pedro Andrés González Muñoz',
  );
});

test('a valid RUT that nobody has says what to tell the caller', async ({ desk }) => {
  // Pedro's record was open: the RUT typed is another caller's, and his record goes.
  await desk.open('12.345.678-5');
  await desk.find('1-9');
  await expect(
    desk.page.getByText(
      'El RUT 1-9 no figura en el sistema: ni como trabajador de una empresa adherida ni como pensionado. Dígale: Ese RUT no está registrado como trabajador de ninguna empresa adherida: si trabaja en una, su empresa debe incorporarle (en ACHS, su encargado de prevención; en Caja Los Héroes, la empresa desde Portal Empresas). Si es pensionado de Caja Los Héroes, su afiliación aún no figura y sin ella no puede registrarse en Portal Héroes: que consulte su afiliación con Caja Los Héroes.',
    ),
  ).toBeVisible();
  await expect(desk.options).toHaveCount(0);
  // Nothing of Pedro stays to take this caller's call or an action; nobody to select either.
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(desk.record).toContainText(
    'Ninguna persona que abrir: junto a la búsqueda se dice por qué.',
  );
  await expect(desk.page.getByRole('button', { name: /Abrir llamada de Pedro/ })).toHaveCount(0);
  await expect(desk.page.getByRole('button', { name: 'Desbloquear' })).toHaveCount(0);
  // The call is filed under the RUT dictated (rule 5), so «Llamadas» finds it by that RUT.
  const callbar = desk.page.getByRole('region', { name: 'Llamada', exact: true });
  await callbar.getByLabel('Motivo').selectOption({ label: 'RUT no registrado' });
  await callbar.getByRole('button', { name: 'Abrir llamada de 1-9' }).click();
  await expect(callbar).toContainText('Llamada en curso · 1-9 · 0 acciones');
});

test('a result row is named with why the person cannot get in, as it shows it', async ({
  desk,
}) => {
  await desk.search.fill('12.345.678-5');
  const pedro = desk.options.first();
  await expect(pedro).toContainText('Bloqueado temporalmente');
  await expect(pedro).toHaveAccessibleName(
    /^Pedro Andrés González Muñoz 12\.345\.678-5 Bloqueado temporalmente/,
  );
});

test('keyboard flow: arrows, Enter, Esc back with the query, Ctrl+K', async ({ desk }) => {
  const { page } = desk;
  // Given names match no company, so every row is a person.
  await page.keyboard.type('camila');
  // The answer to the whole word is in (an earlier keystroke's answer would reset the selection).
  await expect(page.getByRole('progressbar', { name: 'Buscando' })).toHaveCount(0);
  await expect(desk.options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = desk.options.nth(2);
  await expect(third).toHaveAttribute('aria-selected', 'true');
  const name = (await third.locator('strong').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(desk.record).toBeFocused();
  // Where the focus landed says whose record it is, and shows it has the focus.
  await expect(desk.record).toHaveAccessibleDescription(name);
  await expect(desk.record).not.toHaveCSS('box-shadow', 'none');

  await page.keyboard.press('Escape');
  await expect(desk.record.getByText('Seleccione una persona')).toBeVisible();
  await expect(desk.search).toBeFocused();
  await expect(desk.search).toHaveValue('camila');
  await expect(desk.options.nth(2)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(desk.record).toBeFocused();
  // Ctrl+K and the next RUT typed at once, as a fast typist does: no key is lost.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('9876543-3');
  await expect(desk.search).toBeFocused();
  await expect(desk.search).toHaveValue('9876543-3');

  // The list itself is the next stop: arrows move through it and Enter opens, as in the box,
  // and how many were found is said once the typing settles.
  await desk.search.fill('camila');
  await expect(page.getByRole('progressbar', { name: 'Buscando' })).toHaveCount(0);
  await page.keyboard.press('Tab');
  const list = page.getByRole('listbox', { name: 'Resultados' });
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = desk.options.nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(list).toHaveAttribute('aria-activedescendant', (await second.getAttribute('id'))!);
  const secondName = (await second.locator('strong').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(desk.record.getByRole('heading', { level: 1 })).toHaveText(secondName);
  const summary = (await page.locator('footer.statusbar').textContent()) ?? '';
  expect(summary).toMatch(/persona/);
  await expect(page.locator('p[aria-live="polite"].visually-hidden')).toHaveText(summary);
});

test('hostile input is searched for, never an error', async ({ desk }) => {
  for (const text of ['"', '*', '(', 'NEAR', '-', "'", '")*(NEAR', 'a OR b']) {
    await desk.find(text);
    await expect(desk.page.getByRole('alert')).toHaveCount(0);
    await expect(desk.page.getByText(/Sin resultados|resultados/).first()).toBeVisible();
  }
});

test('a company by name scopes the search to its persons; Backspace leaves it', async ({
  desk,
}) => {
  // At 1280 pixels a long name and its RUT do not fit one line: the name wraps, the RUT is whole.
  await desk.page.setViewportSize({ width: 1280, height: 720 });
  await desk.find('constructora atacama');
  const cut = await desk
    .option('Constructora Atacama E.I.R.L.')
    .locator('.rut')
    .evaluate(
      (rut) => rut.getBoundingClientRect().right > rut.parentElement!.getBoundingClientRect().right,
    );
  expect(cut).toBe(false);
  await desk.find('constructora los andes');
  const company = desk.option('Constructora Los Andes SpA');
  await expect(company).toHaveCount(1);
  await company.click();
  // The company record opens; from it, its people.
  await desk.page
    .getByRole('region', { name: 'Empresa' })
    .getByRole('button', { name: 'Buscar entre sus personas' })
    .click();
  const chip = desk.page.getByRole('button', { name: /Filtrando por Constructora Los Andes SpA/ });
  await expect(chip).toBeVisible();
  // The box has the focus: what the agent types next filters the company's people.
  await expect(desk.search).toBeFocused();
  await expect(desk.option(PEDRO)).toHaveCount(1);
  await desk.search.press('Backspace');
  await expect(chip).toHaveCount(0);
});

test.describe('a supervisor, whose rows carry a selection box', () => {
  test.use({ user: 'supervisora' });

  test('sees a company name in the results wrap between its words, never inside one', async ({
    desk,
  }) => {
    // At 1024 pixels the column is narrow: «Panadería» once read «Panaderí / a».
    await desk.page.setViewportSize({ width: 1024, height: 768 });
    await desk.find('la espiga');
    const name = desk.option('Panadería La Espiga Limitada').locator('.result-name');
    const split = await name.evaluate((element) => {
      const text = element.firstChild!;
      return [...text.textContent!.matchAll(/\S+/g)]
        .filter((word) => {
          const range = document.createRange();
          range.setStart(text, word.index!);
          range.setEnd(text, word.index! + word[0].length);
          return range.getClientRects().length > 1;
        })
        .map((word) => word[0]);
    });
    expect(split).toEqual([]);
    // And the RUT is whole beside it (or under it), never cut at the row's edge.
    const rut = desk.option('Panadería La Espiga Limitada').locator('.rut');
    expect(
      await rut.evaluate(
        (element) =>
          element.getBoundingClientRect().right <=
          element.parentElement!.getBoundingClientRect().right + 0.5,
      ),
    ).toBe(true);
  });

  test('finds names that only sound alike without a selection, and is told why', async ({
    desk,
  }) => {
    const list = desk.page.getByRole('listbox', { name: 'Resultados' });
    await desk.find('sepulbeda munos maria');
    await expect(desk.option('María José Muñoz Sepúlveda')).toHaveCount(1);
    await expect(desk.page.locator('.notices')).toContainText(
      'Una selección actúa solo sobre los nombres escritos como están registrados: estos parecidos no se pueden seleccionar.',
    );
    await expect(list).not.toHaveAttribute('aria-multiselectable', 'true');
    // Written as registered, the same person takes a selection, and nothing is said of it.
    await desk.find('sepulveda munoz maria');
    await expect(desk.page.locator('.notices')).toBeEmpty();
    await expect(list).toHaveAttribute('aria-multiselectable', 'true');
  });
});

test('long result lists are virtualized and load more pages on scroll', async ({ desk }) => {
  await desk.find('gonzalez');
  await expect(
    desk.page.locator('footer.statusbar').getByText(/^50 de [\d.]+ personas/),
  ).toBeVisible();
  // Only the rows in view (plus a few) are in the DOM.
  expect(await desk.options.count()).toBeLessThan(40);
  for (let i = 0; i < 60; i++) await desk.search.press('ArrowDown');
  await expect(
    desk.page.locator('footer.statusbar').getByText(/^100( de [\d.]+)? personas/),
  ).toBeVisible();
  await expect(desk.page.locator('#result-60')).toHaveAttribute('aria-selected', 'true');
  await expect(desk.page.locator('#result-60')).toBeInViewport();
  // A screen reader hears where it stands among all the rows loaded, not among those drawn.
  await expect(desk.page.locator('#result-60')).toHaveAttribute('aria-posinset', '61');
  const size = Number(await desk.page.locator('#result-60').getAttribute('aria-setsize'));
  expect(size).toBeGreaterThanOrEqual(100);
  expect(size).toBeGreaterThan(await desk.options.count());
});

test('another person’s record opens at its top, where the diagnosis is, with the focus', async ({
  desk,
}) => {
  const { page, record } = desk;
  await desk.find('12.345.678-5');
  await desk.search.press('Enter');
  await expect(record.getByRole('heading', { level: 1 })).toHaveText(/^Pedro/);
  await record.evaluate((el) => el.scrollTo({ top: 600 }));
  await expect.poll(() => record.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('11.111.111-1');
  await expect(desk.options.first()).toContainText('María');
  await desk.search.press('Enter');
  await expect(record.getByRole('heading', { level: 1 })).toHaveText(/^María/);
  await expect.poll(() => record.evaluate((el) => el.scrollTop)).toBe(0);
  // Opened from a company's page, whose button goes with it: the focus comes to the record.
  await page.keyboard.press('Control+k');
  await desk.find('constructora los andes');
  await desk.search.press('Enter');
  const company = page.getByRole('region', { name: 'Empresa' });
  await company.getByRole('button', { name: 'Diego Sebastián Herrera Soto' }).first().click();
  await expect(record.getByRole('heading', { level: 1 })).toHaveText(/^Diego/);
  await expect(record).toBeFocused();
});
