/**
 * A window whose dialog holds what the agent typed stops its own close or reload (beforeunload,
 * Modal.tsx), and Electron asks nobody by itself: this says whether the window goes after all.
 * During the update restart it goes without a question: the replica is already closed, and a
 * window kept open could no longer save anything.
 */
import { desktopMessages } from '../../shared/messages';

const text = desktopMessages.unsavedTyping;

/** The question, as dialog.showMessageBoxSync takes it: «Seguir en el diálogo» by default. */
export const unsavedTypingQuestion = {
  type: 'question' as const,
  title: text.title,
  message: text.message,
  detail: text.detail,
  buttons: [text.leave, text.stay],
  defaultId: 1,
  cancelId: 1,
};

/** True: the window closes (or reloads) and what was typed goes with it. */
export function leavesDespiteTyping(options: {
  quittingForUpdate: boolean;
  /** Shows the question; answers the index of the button chosen. */
  ask: (question: typeof unsavedTypingQuestion) => number;
}): boolean {
  if (options.quittingForUpdate) return true;
  return options.ask(unsavedTypingQuestion) === 0;
}
