/**
 * The automated accessibility check every screen of the walk passes: axe-core's WCAG 2.2 A/AA
 * rules over the whole page as it is at that moment.
 *
 * axe-core runs straight in the page, injected once per document. `@axe-core/playwright`'s
 * AxeBuilder did the same work at about ten times the cost: it injects the 600 KB script on every
 * check, and then opens a blank page to merge the frames' partial results (measured: 2.2 s a
 * check against 0.2 s; some 120 checks in the suite). The app has no frames, so `axe.run` on the
 * document sees everything AxeBuilder's frame walk would.
 */
import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
};

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // A reload or a navigation gives a new document without it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const results = await runner.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations as Violation[];
  }, TAGS);
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(' | ')}`,
  );
  expect(found, `accessibility violations on «${screen}»`).toEqual([]);
}
