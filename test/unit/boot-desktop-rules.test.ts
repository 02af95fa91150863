/**
 * The desktop shell's pure rules: where the window opens, what the agent reads when the data
 * folder cannot be opened, and the menu on each platform.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aboutText, menuTemplate, type MenuEntry } from '../../src/main/desktop/app-menu';
import { dataFolderErrorText } from '../../src/main/desktop/data-folder-error';
import { saveDialogOptions } from '../../src/main/desktop/save-dialog';
import { leavesDespiteTyping, unsavedTypingQuestion } from '../../src/main/desktop/unsaved-typing';
import {
  DEFAULT_SIZE,
  initialBounds,
  readWindowState,
  writeWindowState,
} from '../../src/main/desktop/window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('opens at the default size the first time', () => {
    expect(initialBounds(null, [screen])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('reopens where the agent left it, maximized or not', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: true };
    expect(initialBounds(saved, [screen])).toEqual({
      bounds: { x: 100, y: 50, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('keeps the size but lets the system place a window whose screen is gone', () => {
    const saved = { x: 2500, y: 100, width: 1200, height: 800, maximized: false };
    expect(initialBounds(saved, [screen])).toEqual({
      bounds: { width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('never opens smaller than the minimum size', () => {
    const saved = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(initialBounds(saved, [screen]).bounds).toMatchObject({ width: 960, height: 600 });
  });

  it('reads back what it wrote and ignores a damaged file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-window-'));
    const file = path.join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 1, y: 2, width: 1000, height: 700, maximized: false });
    expect(readWindowState(file)).toEqual({
      x: 1,
      y: 2,
      width: 1000,
      height: 700,
      maximized: false,
    });
    fs.writeFileSync(file, '{"x": "a"');
    expect(readWindowState(file)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the data-folder dialog', () => {
  const folder = 'C:\\Users\\agente\\AppData\\Roaming\\Mesa de Ayuda\\data';
  const error = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['SQLITE_BUSY', 'database is locked', 'Otra copia de Mesa de Ayuda la está usando'],
    ['EACCES', "EACCES: permission denied, mkdir 'x'", 'no tiene permiso'],
    ['ENOTDIR', 'ENOTDIR: not a directory', 'no es una carpeta'],
    ['SQLITE_FULL', 'database or disk is full', 'disco está lleno'],
    ['SQLITE_NOTADB', 'file is not a database', 'está dañado'],
    ['EWHATEVER', 'something odd', 'avise a soporte técnico'],
  ])('%s: says why in Spanish and what to do', (code, message, expected) => {
    const text = dataFolderErrorText(error(code, message), folder);
    expect(text.title).toBe('Mesa de Ayuda no pudo abrir sus datos');
    expect(text.body).toContain(folder);
    expect(text.body).toContain(expected);
    expect(text.body).toContain(`Detalle técnico: ${code} · ${message}`);
  });

  it('never shows a stack trace', () => {
    const failure = error('EPERM', 'EPERM: operation not permitted');
    failure.stack = 'Error: EPERM\n    at mkdirSync (node:fs:1:1)\n    at createCore (core.ts:1:1)';
    const text = dataFolderErrorText(failure, folder);
    expect(text.body).not.toContain(' at ');
    expect(dataFolderErrorText('plain text', folder).body).toContain('Detalle técnico: plain text');
  });
});

describe('the menu', () => {
  const labels = (items: MenuEntry[]): string[] =>
    items.flatMap((item) => [item.label ?? '', ...labels(item.submenu ?? [])]).filter(Boolean);

  it('on macOS: the app menu first, then Edición, Ver, Ventana, Ayuda', () => {
    const template = menuTemplate({
      appName: 'Mesa de Ayuda',
      platform: 'darwin',
      packaged: true,
      onAbout: () => undefined,
    });
    expect(template.map((item) => item.label)).toEqual([
      'Mesa de Ayuda',
      'Edición',
      'Ver',
      'Ventana',
      'Ayuda',
    ]);
    expect(labels(template)).not.toContain('Herramientas de desarrollo');
  });

  it('on Windows and Linux: Archivo, Edición, Ver, Ayuda; developer tools only in development', () => {
    const dev = menuTemplate({
      appName: 'Mesa de Ayuda',
      platform: 'win32',
      packaged: false,
      onAbout: () => undefined,
    });
    expect(dev.map((item) => item.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ayuda']);
    expect(labels(dev)).toContain('Herramientas de desarrollo');
  });

  it('"Acerca de" names the version', () => {
    expect(aboutText('Mesa de Ayuda', '1.4.2')).toMatchObject({
      title: 'Acerca de Mesa de Ayuda',
      message: 'Mesa de Ayuda, versión 1.4.2',
    });
  });
});

describe('«Guardar como» for an export’s copy', () => {
  it('offers the export’s own name in Downloads, filtered by its kind', () => {
    const downloads = path.join(os.homedir(), 'Descargas');
    expect(saveDialogOptions('DR-2026-0001-20261121T150000-0a1b2c3d.json', downloads)).toEqual({
      title: 'Guardar una copia de la exportación',
      defaultPath: path.join(downloads, 'DR-2026-0001-20261121T150000-0a1b2c3d.json'),
      buttonLabel: 'Guardar copia',
      filters: [{ name: 'Datos (JSON)', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    const html = saveDialogOptions('informe.html', downloads);
    expect(html.filters).toEqual([{ name: 'Informe (HTML)', extensions: ['html'] }]);
    // Only a name is taken from the export: never a folder of its own.
    expect(saveDialogOptions('../../fuera.json', downloads).defaultPath).toBe(
      path.join(downloads, 'fuera.json'),
    );
  });
});

describe('a window whose dialog holds what the agent typed', () => {
  it('goes only if the agent says so: «Seguir en el diálogo» is the default and the cancel', () => {
    const asked: string[] = [];
    const answering = (button: number) => (question: typeof unsavedTypingQuestion) => {
      asked.push(question.message);
      return button;
    };
    expect(leavesDespiteTyping({ quittingForUpdate: false, ask: answering(0) })).toBe(true);
    expect(leavesDespiteTyping({ quittingForUpdate: false, ask: answering(1) })).toBe(false);
    expect(asked).toEqual([
      'Lo que escribió en el diálogo abierto se perderá.',
      'Lo que escribió en el diálogo abierto se perderá.',
    ]);
    expect(unsavedTypingQuestion.buttons).toEqual([
      'Cerrar de todos modos',
      'Seguir en el diálogo',
    ]);
    expect(unsavedTypingQuestion.buttons[unsavedTypingQuestion.defaultId]).toBe(
      'Seguir en el diálogo',
    );
    expect(unsavedTypingQuestion.cancelId).toBe(unsavedTypingQuestion.defaultId);
  });

  it('goes without a question during the update restart (its replica is already closed)', () => {
    let asked = 0;
    const ask = () => {
      asked += 1;
      return 1;
    };
    expect(leavesDespiteTyping({ quittingForUpdate: true, ask })).toBe(true);
    expect(asked).toBe(0);
  });
});
