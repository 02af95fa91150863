/**
 * «?» alone opens the keyboard shortcuts (outside a text field). A one-key shortcut can fire by
 * accident under speech input or a stray key, so the agent may turn it off (WCAG 2.1.4): kept on
 * this computer, for this browser or app; F1 always opens the list.
 */
const KEY = 'mesa.shortcuts.questionMark';

export function questionMarkOpensShortcuts(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setQuestionMarkOpensShortcuts(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, 'off');
  } catch {
    // Storage refused (a locked-down profile): the choice lasts until the window closes.
  }
}
