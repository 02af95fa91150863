/**
 * Issue 11 through the web door with the reference central API: a supervisor gives a company
 * to a prevention officer from its page, and takes it away again — each with a reason, said
 * back in Spanish, and checked for accessibility with the dialog open.
 */
import { loginRut, rutFromBody } from '../../src/shared/rut';
import { expectAccessible } from './a11y';
import {
  expect,
  loopTest as test,
  signInOnline,
  startCentral,
  startDeskDoor,
  searchFor,
} from './fixtures';

const LLANQUIHUE = loginRut(rutFromBody(76000042));

test('a supervisor assigns a company to a prevention officer and takes it away', async ({
  page,
  dirs,
}) => {
  test.setTimeout(120_000);
  const central = await startCentral(dirs.central);
  const door = await startDeskDoor(dirs.desk, central.url);
  try {
    await signInOnline(page, door.url, 'supervisora', 'super600', { caughtUp: false });
    await searchFor(page, LLANQUIHUE);
    await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();

    const officers = page.getByRole('region', { name: 'Prevencionistas asignados' });
    await expect(officers).toContainText('Ningún prevencionista tiene asignada esta empresa.');
    // The heading's two buttons stand together at its right, not one floating mid-line.
    const assignBox = await officers
      .getByRole('button', { name: 'Asignar prevencionista…' })
      .boundingBox();
    const reloadBox = await officers.getByRole('button', { name: 'Actualizar' }).boundingBox();
    expect(reloadBox!.x - (assignBox!.x + assignBox!.width)).toBeLessThan(20);
    await officers.getByRole('button', { name: 'Asignar prevencionista…' }).click();
    const assign = page.getByRole('dialog', { name: /^Asignar .* a un prevencionista$/ });
    await expect(assign).toContainText('se cargarán en el equipo del prevencionista');
    const confirm = assign.getByRole('button', { name: 'Asignar la empresa' });
    await expect(confirm).toBeDisabled();
    await assign.getByLabel('Prevencionista').selectOption('prevencion');
    await assign.getByLabel('Motivo').fill('Nueva cartera de empresas');
    await expectAccessible(page, 'asignar un prevencionista');
    await confirm.click();

    await expect(assign).toBeHidden();
    await expect(page.getByRole('status')).toContainText(
      'asignada a Héctor Contreras (prevención).',
    );
    await expect(officers.getByRole('listitem')).toHaveText([
      /^Héctor Contreras \(prevención\) · 3 empresas asignadas/,
    ]);
    await expect(
      officers.getByRole('heading', { name: 'Prevencionistas asignados' }),
    ).toBeFocused();
    await expectAccessible(page, 'prevencionistas de una empresa');

    await officers
      .getByRole('button', { name: 'Quitar la empresa a Héctor Contreras (prevención)' })
      .click();
    const remove = page.getByRole('dialog', { name: /^Quitar la empresa a Héctor/ });
    await expect(remove).toContainText('Antes se envían las acciones que tenga pendientes');
    await remove.getByLabel('Motivo').fill('Cambio de zona');
    await remove.getByRole('button', { name: 'Quitar la empresa' }).click();
    await expect(remove).toBeHidden();
    await expect(page.getByRole('status')).toContainText(
      'ya no está asignada a Héctor Contreras (prevención).',
    );
    await expect(officers).toContainText('Ningún prevencionista tiene asignada esta empresa.');
  } finally {
    await door.stop();
    await central.stop();
  }
});
