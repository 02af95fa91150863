/**
 * After going to a screen from the top bar (a tab, the sync indicator, the skip link): the focus
 * goes to the screen's heading, read out, so a screen-reader user hears where they landed and a
 * keyboard user goes on from there rather than from the bar.
 */
export function focusViewHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.view-main h1')?.focus());
}
