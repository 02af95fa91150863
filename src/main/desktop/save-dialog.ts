/**
 * «Guardar como» for a Ley 21.719 export's copy (Electron door): the dialog's options, pure, so
 * the one Electron call in src/main/index.ts stays a line. The copy is offered in the system's
 * Downloads folder, under the export's own name, with its kind as the only filter.
 */
import path from 'node:path';
import { desktopMessages } from '../../shared/messages';

export type SaveDialogOptions = {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: Array<{ name: string; extensions: string[] }>;
  properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
};

export function saveDialogOptions(fileName: string, downloadsDir: string): SaveDialogOptions {
  const text = desktopMessages.saveCopy;
  const extension = path.extname(fileName).slice(1).toLowerCase();
  return {
    title: text.title,
    defaultPath: path.join(downloadsDir, path.basename(fileName)),
    buttonLabel: text.button,
    filters:
      extension === 'html'
        ? [{ name: text.htmlFilter, extensions: ['html'] }]
        : extension === 'json'
          ? [{ name: text.jsonFilter, extensions: ['json'] }]
          : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
