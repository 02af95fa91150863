/**
 * After going to a screen from the top bar (a tab, the sync indicator, the skip link): the focus
 * goes to the screen's heading, read out, so a screen-reader user hears where they landed and a
 * keyboard user goes on from there rather than from the bar.
 */
export function focusViewHeading(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.view-main h1')?.focus());
}

/** Id of Sincronización's «Por revisar» heading. */
export const SYNC_REVIEW_ID = 'sync-review';

/**
 * Sincronización opened for what needs a person (the badge's «N por revisar», the Panel): the
 * focus on «Por revisar», where those actions are, not on the page's title above its facts.
 */
export function focusSyncReview(): void {
  requestAnimationFrame(() =>
    (
      document.getElementById(SYNC_REVIEW_ID) ??
      document.querySelector<HTMLElement>('.view-main h1')
    )?.focus(),
  );
}
