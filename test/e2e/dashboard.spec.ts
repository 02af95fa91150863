/**
 * The supervisor's Panel through the web door (issue 10): empty at first, then charts of the
 * calls, actions and diagnosis causes recorded through the same door; the period switched from
 * the keyboard; a chart read as a table; the Llamadas list filtered by agent and dates and paged;
 * the audit showing before → after, the diagnosis a view showed and the device. An agent has no
 * Panel. Every state passes axe.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { expect, fillSignIn, signOut, test } from './fixtures';
import { errorMessages } from '../../src/shared/messages';

const PEDRO = '12345678-5';

/** Calls a channel through the web door with the tab's own session, as the renderer does. */
async function api<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ([name, body]) => {
      const token = sessionStorage.getItem('mesa.webToken') ?? '';
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    [channel, input] as const,
  );
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

/** `count` calls opened and closed now, with reasons in turn, all by the signed-in agent. */
async function recordCalls(page: Page, count: number) {
  const reasons = ['forgot_password', 'forgot_password', 'locked_attempts', 'mail_not_arriving'];
  for (let i = 0; i < count; i++) {
    const call = await api<{ id: string }>(page, 'interactions.open', {
      rut: null,
      reason: reasons[i % reasons.length],
    });
    await api(page, 'interactions.close', {
      id: call.id,
      outcome: i % 5 === 0 ? 'escalated' : 'resolved',
      // Resolved with nothing done in it: how, in its notes (notesRequired).
      notes: i % 5 === 0 ? 'Derivado a la mesa de segundo nivel' : 'Se le explicó cómo entrar',
    });
  }
}

/** A Santiago calendar day, `days` from today, as dd-mm-aaaa. */
function santiagoDay(days: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Santiago',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts['day']}-${parts['month']}-${parts['year']}`;
}

// The smallest window a supervisor works in, where the charts are tightest (the other specs run
// at 1366×820; screenshots are reviewed at 1440×900 too).
const viewport = { width: 1280, height: 720 };
test.describe(`at ${viewport.width}x${viewport.height}`, () => {
  test.use({ viewport, user: 'supervisora' });

  test('a supervisor reads the Panel, switches the period by keyboard, reads a chart as a table, pages and filters the calls, and sees before → after and the device in the audit', async ({
    desk,
  }) => {
    // A long walk through four screens, each checked by axe: more than the default 30 s.
    test.setTimeout(120_000);
    const { page } = desk;
    const panelTab = page.getByRole('button', { name: 'Panel', exact: true });
    await panelTab.click();
    const panel = page.getByRole('region', { name: 'Panel de supervisión' });
    await expect(panel.getByRole('heading', { level: 1 })).toHaveText('Panel de supervisión');
    // Each period loaded by the supervisor (chosen or refreshed) is said once it is there: the
    // charts change away from the focus. The screen's own first load is not.
    const said = panel.locator('[role="status"].visually-hidden');
    await expect(panel.locator('.dashboard-period')).toBeVisible();
    await expect(said).toHaveText('');

    // What it counts, and from where: calls and the audit stay on the desk that recorded them.
    await expect(panel).toContainText(
      'Cuenta las llamadas y visitas, acciones y causas registradas en este equipo, y sus acciones pendientes de sincronizar; las solicitudes Ley 21.719 son las de todos los equipos.',
    );

    // Nothing yet today: empty states, still named figures, and the queue as it is.
    const byReason = panel.getByRole('figure', { name: 'Llamadas por motivo' });
    await expect(byReason).toContainText('Sin llamadas en este período.');
    await expect(panel.getByRole('figure', { name: 'Acciones por agente' })).toContainText(
      'Sin acciones de agentes en este período.',
    );
    const queue = panel.getByRole('figure', { name: 'Acciones pendientes y por revisar' });
    await expect(queue).toContainText('Nada pendiente de enviar; nada requiere revisión.');
    // Its four tiles stand level (a stray class once pushed the first one down).
    const tops = await queue
      .locator('.sync-tile')
      .evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().top));
    expect(tops).toHaveLength(4);
    // Nothing to list: no way to a list.
    await expect(queue.getByRole('button', { name: /en Sincronización$/ })).toHaveCount(0);
    expect(new Set(tops).size).toBe(1);
    await expectAccessible(page, 'Panel sin datos');

    // A day's work through the same door: 55 calls, record views, a contact change (the
    // latest, so they are on the audit's first page).
    await recordCalls(page, 55);
    await api(page, 'persons.get', { rut: '11111111-1' });
    const pedro = await api<{ version: number }>(page, 'persons.get', { rut: PEDRO });
    await api(page, 'contact.edit', {
      rut: PEDRO,
      phone: '+56 9 5555 1234',
      reason: 'Lo pidió por teléfono',
      identityCheck: ['serial_number', 'registered_email'],
      expectedVersion: pedro.version,
    });

    // The audit exported: supervision, counted apart from the agents' actions.
    await api(page, 'audit.export', {});

    // A Ley 21.719 access request: 30 calendar days, so in time.
    await api(page, 'dataRequests.record', {
      rut: PEDRO,
      right: 'access',
      channel: 'in_person',
      identityMethod: 'identity_card',
      identityFacts: [],
      detail: 'Pide copia de sus datos',
    });

    await panel.getByRole('button', { name: 'Actualizar' }).click();
    await expect(byReason).toHaveAccessibleDescription(
      '55 llamadas. Lo más frecuente: Olvidó contraseña (28).',
    );
    await expect(byReason.locator('.recharts-bar-rectangle')).toHaveCount(3);
    // The grid's lines are numbered: an axis under the bars, from 0 up past the longest (28).
    const ticks = byReason.locator(
      '.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
    );
    await expect(ticks.first()).toHaveText('0');
    expect(Number((await ticks.last().textContent())!.replace(/\./g, ''))).toBeGreaterThanOrEqual(
      28,
    );
    await expect(panel.getByRole('figure', { name: 'Resultado de las llamadas' })).toContainText(
      'Derivado',
    );
    const causes = panel.getByRole('figure', {
      name: 'Las 10 causas más frecuentes del diagnóstico',
    });
    await expect(causes.getByRole('table')).toContainText('Registro bloqueado');
    await expect(causes.getByRole('table')).toContainText('Bloqueo por intentos');
    await expect(
      panel.getByRole('figure', { name: 'Acciones pendientes y por revisar' }),
    ).toContainText('2 acciones pendientes; nada requiere revisión.');
    const requests = panel.getByRole('figure', {
      name: 'Solicitudes Ley 21.719 abiertas, por plazo',
    });
    await expect(requests).toHaveAccessibleDescription('1 solicitud abierta: 1 en plazo.');
    await expect(requests.getByRole('table')).toContainText('En plazo');
    const supervision = panel.getByRole('figure', { name: 'Supervisión y accesos denegados' });
    await expect(supervision).toHaveAccessibleDescription(/^1 evento\./);
    await expect(supervision.getByRole('table')).toContainText('Exportó la auditoría');
    await expect(
      panel.getByRole('figure', { name: 'Acciones de los agentes, por tipo' }).getByRole('table'),
    ).not.toContainText('Exportó la auditoría');
    await expectAccessible(page, 'Panel de hoy');

    // The period is a radio group: the arrow keys move through it.
    const today = panel.getByRole('radio', { name: 'Hoy' });
    await today.focus();
    await page.keyboard.press('ArrowRight');
    await expect(panel.getByRole('radio', { name: 'Últimos 7 días' })).toBeChecked();
    await expect(panel.getByText(/^Del \d{2}-\d{2}-\d{4} al \d{2}-\d{2}-\d{4}/)).toBeVisible();
    await expect(byReason).toHaveAccessibleDescription(/^55 llamadas\./);
    await expect(said).toHaveText(
      /^Panel: Últimos 7 días\. Del \d{2}-\d{2}-\d{4} al \d{2}-\d{2}-\d{4}, horario de Chile: 55 llamadas\.$/,
    );
    await page.keyboard.press('ArrowRight');
    await expect(panel.getByRole('radio', { name: 'Últimos 30 días' })).toBeChecked();
    await expectAccessible(page, 'Panel de 30 días');

    // Each chart is reachable by Tab, and its numbers are a table: hidden, then on screen.
    await byReason.focus();
    await expect(byReason).toBeFocused();
    const table = byReason.getByRole('table', { name: 'Llamadas por motivo' });
    // Always there for a screen reader, off the screen until asked for: clipped by its box, so
    // the hidden tables (the hours' has 24 rows) never lengthen the window past the desk.
    await expect(table.locator('xpath=..')).toHaveClass('visually-hidden');
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
    ).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    const toggle = byReason.getByRole('button', { name: 'Ver como tabla' });
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(table).toHaveClass('chart-table');
    await expect(table).toBeInViewport();
    await expect(table.getByRole('row')).toHaveText([
      'MotivoLlamadas',
      'Olvidó contraseña28',
      'Bloqueo por intentos14',
      'Correo no llega13',
    ]);
    await expect(byReason.getByRole('button', { name: 'Ocultar tabla' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expectAccessible(page, 'Panel con una tabla a la vista');

    // Its numbers lead to their lists: the queue to Sincronización, the requests to Ley 21.719.
    await panel
      .getByRole('figure', { name: 'Acciones pendientes y por revisar' })
      .getByRole('button', { name: 'Verlas en Sincronización' })
      .click();
    await expect(page.getByRole('heading', { name: 'Sincronización', level: 1 })).toBeFocused();
    await page.getByRole('button', { name: 'Panel', exact: true }).click();
    await requests.getByRole('button', { name: 'Verlas en Ley 21.719' }).click();
    await expect(
      page.getByRole('heading', { name: 'Solicitudes Ley 21.719', level: 1 }),
    ).toBeFocused();

    // Llamadas: a page of 50 of 55, the next page, one agent, a range of days.
    await page.getByRole('button', { name: 'Llamadas' }).click();
    const calls = page.getByRole('region', { name: 'Llamadas', exact: true });
    await expect(calls.getByText('55 llamadas · 1–50')).toBeVisible();
    await expect(calls.getByRole('table').getByRole('row')).toHaveCount(51);
    await expectAccessible(page, 'Llamadas, primera página');
    const pager = calls.getByRole('navigation', { name: 'Páginas de llamadas' });
    await expect(pager.getByRole('button', { name: 'Anteriores' })).toBeDisabled();
    await pager.getByRole('button', { name: 'Siguientes' }).click();
    await expect(calls.getByText('55 llamadas · 51–55')).toBeVisible();
    await expect(calls.getByRole('table').getByRole('row')).toHaveCount(6);
    await expect(pager.getByRole('button', { name: 'Siguientes' })).toBeDisabled();
    // The last page: the focus stays in the pager, on the way back, not on the page's body.
    await expect(pager.getByRole('button', { name: 'Anteriores' })).toBeFocused();

    await calls.getByLabel('Agente').selectOption({ label: 'Alicia Agente' });
    await calls.getByRole('button', { name: 'Buscar' }).click();
    await expect(calls.getByText('No hay llamadas con estos filtros.')).toBeVisible();
    await expectAccessible(page, 'Llamadas sin resultados');
    await calls.getByLabel('Agente').selectOption({ label: 'Sara Supervisora' });
    await calls.getByLabel('Desde (dd-mm-aaaa)').fill(santiagoDay(0));
    await calls.getByLabel('Hasta (dd-mm-aaaa)').fill(santiagoDay(0));
    await calls.getByRole('button', { name: 'Buscar' }).click();
    await expect(calls.getByText('55 llamadas · 1–50')).toBeVisible();
    await calls.getByLabel('Desde (dd-mm-aaaa)').fill(santiagoDay(1));
    await calls.getByLabel('Hasta (dd-mm-aaaa)').fill('');
    await calls.getByRole('button', { name: 'Buscar' }).click();
    await expect(calls.getByText('No hay llamadas con estos filtros.')).toBeVisible();
    await calls.getByLabel('Desde (dd-mm-aaaa)').fill('31-02-2026');
    await calls.getByRole('button', { name: 'Buscar' }).click();
    await expect(calls.getByRole('alert')).toHaveText(
      'Fecha «Desde» no válida (se ingresó «31-02-2026»): esa fecha no existe o no está escrita como dd-mm-aaaa (por ejemplo 21-11-2026). No se muestran resultados hasta corregir el filtro.',
    );
    await expect(calls.getByLabel('Desde (dd-mm-aaaa)')).toHaveAttribute('aria-invalid', 'true');
    // The refusal takes the agent to the field at fault, as Auditoría's does.
    await expect(calls.getByLabel('Desde (dd-mm-aaaa)')).toBeFocused();
    await expect(calls.getByRole('table')).toHaveCount(0);
    await expectAccessible(page, 'Llamadas con una fecha inválida');

    // Auditoría: the contact change before → after, the diagnosis a view showed, the device.
    await page.getByRole('button', { name: 'Auditoría' }).click();
    await page.getByLabel('Incluir consultas de fichas («Vio la ficha»)').check();
    const audit = page.getByRole('table', { name: /Eventos de auditoría/ });
    const change = audit.getByRole('row').filter({ hasText: 'Cambió datos de contacto' });
    await expect(change).toContainText('Celular: +56 9 8765 4321 → +56 9 5555 1234');
    await expect(change.getByRole('cell').last()).toHaveText('Este equipo');
    const view = audit
      .getByRole('row')
      .filter({ hasText: 'Vio la ficha' })
      .filter({ hasText: '11.111.111-1' });
    await expect(view).toContainText('Diagnóstico mostrado: Registro bloqueado');
    await expect(audit.getByRole('columnheader', { name: 'Equipo' })).toBeVisible();
    await expectAccessible(page, 'Auditoría con equipo y diagnóstico');

    // The Panel when its data cannot be had (main fails to answer): says so, no charts.
    await panelTab.click();
    await expect(byReason).toHaveAccessibleDescription(/^55 llamadas\./);
    await page.route('**/api/dashboard.panel', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: { code: 'internal', message: errorMessages.internal },
        }),
      }),
    );
    await panel.getByRole('button', { name: 'Actualizar' }).click();
    await expect(panel.getByRole('alert')).toContainText(errorMessages.internal);
    await expect(panel.getByRole('figure')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Reintentar' })).toBeVisible();
    await expectAccessible(page, 'Panel con error');
  });
});

test('an agent has no Panel, and the Llamadas list offers no agent filter', async ({ desk }) => {
  const { page } = desk;
  await expect(page.getByRole('button', { name: 'Llamadas' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Panel', exact: true })).toHaveCount(0);
  // Asked for directly, the core refuses too.
  await expect(api(page, 'dashboard.panel', { range: 'today' })).rejects.toThrow(/forbidden/);
  await page.getByRole('button', { name: 'Llamadas' }).click();
  const calls = page.getByRole('region', { name: 'Llamadas', exact: true });
  await expect(calls.getByText('0 llamadas')).toBeVisible();
  await expect(calls.getByLabel('Agente')).toHaveCount(0);
  await expect(calls.getByLabel('Desde (dd-mm-aaaa)')).toBeVisible();
  await expectAccessible(page, 'Llamadas de un agente');
});

test.describe('on a desk an officer used too', () => {
  test.use({ user: 'prevencion' });

  test("the Panel names the officer's visits apart from the calls", async ({ desk }) => {
    const { page } = desk;
    await recordCalls(page, 2);
    await signOut(page);
    await fillSignIn(page, 'supervisora', 'super600');
    await recordCalls(page, 1);
    await page.getByRole('button', { name: 'Panel', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Panel de supervisión' });
    await expect(panel.getByText(/1 llamada y 2 visitas ·/)).toBeVisible();
    const byReason = panel.getByRole('figure', { name: 'Llamadas y visitas por motivo' });
    await expect(byReason).toHaveAccessibleDescription(/^1 llamada y 2 visitas\./);
    await expect(
      panel.getByRole('figure', { name: 'Resultado de las llamadas y visitas' }),
    ).toBeVisible();
  });
});
