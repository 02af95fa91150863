/**
 * The application menu, in Spanish: Edición (copy and paste work in every field), Ver (text
 * size, full screen), Ayuda ("Acerca de" with the version). Plain data shaped like Electron's
 * MenuItemConstructorOptions, so it is tested without Electron; src/main/index.ts builds it.
 */
import { desktopMessages } from '../../shared/messages';

export type MenuEntry = {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuEntry[];
};

export type MenuOptions = {
  appName: string;
  platform: NodeJS.Platform;
  /** Developer tools only in a development run. */
  packaged: boolean;
  onAbout: () => void;
};

const separator: MenuEntry = { type: 'separator' };

export function menuTemplate(options: MenuOptions): MenuEntry[] {
  const m = desktopMessages.menu;
  const mac = options.platform === 'darwin';
  const about: MenuEntry = { label: m.about(options.appName), click: options.onAbout };
  const template: MenuEntry[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        about,
        separator,
        { role: 'hide', label: m.hide(options.appName) },
        { role: 'hideOthers', label: m.hideOthers },
        { role: 'unhide', label: m.showAll },
        separator,
        { role: 'quit', label: m.quit },
      ],
    });
  } else {
    template.push({ label: m.file, submenu: [{ role: 'quit', label: m.quit }] });
  }
  template.push({
    label: m.edit,
    submenu: [
      { role: 'undo', label: m.undo },
      { role: 'redo', label: m.redo },
      separator,
      { role: 'cut', label: m.cut },
      { role: 'copy', label: m.copy },
      { role: 'paste', label: m.paste },
      { role: 'selectAll', label: m.selectAll },
    ],
  });
  template.push({
    label: m.view,
    submenu: [
      { role: 'zoomIn', label: m.zoomIn },
      { role: 'zoomOut', label: m.zoomOut },
      { role: 'resetZoom', label: m.resetZoom },
      separator,
      { role: 'togglefullscreen', label: m.fullScreen },
      ...(options.packaged ? [] : [separator, { role: 'toggleDevTools', label: m.devTools }]),
    ],
  });
  if (mac) {
    template.push({
      label: m.window,
      submenu: [
        { role: 'minimize', label: m.minimize },
        { role: 'close', label: m.close },
      ],
    });
  }
  template.push({ label: m.help, submenu: mac ? [] : [about] });
  if (mac) template[template.length - 1]!.submenu!.push(about);
  return template;
}

/** What "Acerca de" says. */
export function aboutText(appName: string, version: string) {
  const a = desktopMessages.about;
  return {
    title: a.title(appName),
    message: a.message(appName, version),
    detail: a.detail,
    buttons: [a.ok],
  };
}
