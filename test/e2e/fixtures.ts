/**
 * Each test gets its own web door on a free loopback port over a fresh data directory, started
 * as a child process and stopped after the test. The door prints a JSON readiness line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { nodeArgs } from './entries';

type Door = { url: string; dataDir: string };

export type Started = { url: string; port: number; stop: () => Promise<void> };

/** Fills the sign-in screen already on the page (or the lock screen's) and presses «Ingresar». */
export async function fillSignIn(page: Page, username: string, password: string) {
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

/** Opens a desk at `url` and signs in with the sign-in screen, as an agent would. */
export async function signInAt(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await fillSignIn(page, username, password);
}

/**
 * Signs in at a desk that syncs with a central API, and waits until it says it is online:
 * caught up (`0 pendientes`) unless `caughtUp` is false. Answers the sync indicator.
 */
export async function signInOnline(
  page: Page,
  url: string,
  username: string,
  password: string,
  { caughtUp = true, timeout = 30_000 }: { caughtUp?: boolean; timeout?: number } = {},
): Promise<Locator> {
  await signInAt(page, url, username, password);
  const indicator = page.getByRole('button', { name: /^Sincronización:/ });
  await expect(indicator).toHaveText(caughtUp ? /^En línea · 0 pendientes/ : /^En línea/, {
    timeout,
  });
  return indicator;
}

/**
 * `text` typed in «Buscar», and answered: until then the list still shows the rows of the text
 * before, and a click there opens one of them.
 */
export async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Buscar' }).fill(text);
  await expect(page.getByRole('listbox', { name: 'Resultados' })).not.toHaveAttribute(
    'aria-busy',
    'true',
  );
}

/**
 * A company dialog asked for on the call of `caller` (its «Quién lo pide» option, e.g. «Paula
 * Andrea Rojas Tapia · Administrador de accesos»), whose serial number and e-mail matched.
 */
export async function askedBy(dialog: Locator, caller: string): Promise<void> {
  await dialog
    .getByLabel(/administrador de accesos de la empresa que lo pide/)
    .selectOption({ label: caller });
  await dialog.getByLabel(/N° de serie/).check();
  await dialog.getByLabel(/Correo registrado/).check();
}

/**
 * «Salir», confirmed when the desk asks (this agent's actions still wait to be sent, or a call is
 * open): for tests that change who is signed in, not for the one that tests the question itself.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Salir' }).click();
  // Actions still waiting, or a call (visit) still open.
  const asked = page.getByRole('dialog', { name: /^¿Salir con / });
  const signIn = page.getByRole('button', { name: 'Ingresar' });
  // One or the other comes: the question, or the sign-in screen.
  await expect(asked.or(signIn)).toBeVisible();
  if (await asked.isVisible()) {
    await asked.getByRole('button', { name: 'Salir de todos modos' }).click();
  }
  await expect(signIn).toBeVisible();
}

/**
 * Runs a Node entry (entries.ts: its bundle, or its source through tsx) and waits for its JSON
 * readiness line `{"ready":true,…}`.
 */
export async function startEntry(entry: string, args: string[]): Promise<Started> {
  const child = spawn(process.execPath, nodeArgs(entry, args), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: boolean; url?: string; port?: number };
        if (parsed.ready && parsed.url && parsed.port !== undefined) {
          clearTimeout(timer);
          resolve({ url: parsed.url, port: parsed.port });
        }
      } catch {
        // not the readiness line
      }
    });
  });
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startDoor(persons: number): Promise<Door & { stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-'));
  const door = await startEntry('src/main/web/start.ts', [
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--demo-persons',
    String(persons),
  ]);
  return {
    url: door.url,
    dataDir,
    stop: async () => {
      await door.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The screen as an agent sees it: roles and labels, not CSS. */
export class DeskPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly options: Locator;
  readonly record: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('combobox', { name: 'Buscar' });
    this.results = page.getByRole('listbox', { name: 'Resultados' });
    this.options = this.results.getByRole('option');
    this.record = page.getByRole('region', { name: 'Ficha' });
  }

  option(text: string | RegExp): Locator {
    return this.options.filter({ hasText: text });
  }

  async find(text: string): Promise<void> {
    await searchFor(this.page, text);
  }

  /** A person's record by RUT: typed, then Enter opens the one result. */
  async open(rut: string): Promise<void> {
    await this.find(rut);
    await this.search.press('Enter');
  }
}

export type DemoUser = 'agente' | 'supervisora' | 'prevencion';
const PASSWORDS: Record<DemoUser, string> = {
  agente: 'agente600',
  supervisora: 'super600',
  prevencion: 'preven600',
};

export const test = base.extend<{ desk: DeskPage; door: Door; user: DemoUser }>({
  user: ['agente', { option: true }],
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  door: async ({}, use) => {
    const door = await startDoor(2000);
    await use(door);
    await door.stop();
  },
  desk: async ({ page, door, user }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(door.url);
    await fillSignIn(page, user, PASSWORDS[user]);
    // The header counts whom the agent's searches show: the officer, his two companies' people.
    await expect(
      page.getByText(user === 'prevencion' ? /^9 personas$/ : /2\.000 personas/),
    ).toBeVisible();
    await use(new DeskPage(page));
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

/** The full loop's folders: a central API's and a desk's, fresh for each test. */
export const loopTest = base.extend<{ dirs: { central: string; desk: string } }>({
  // eslint-disable-next-line no-empty-pattern -- no fixtures needed
  dirs: async ({}, use) => {
    const central = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-central-'));
    const desk = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-e2e-desk-'));
    await use({ central, desk });
    fs.rmSync(central, { recursive: true, force: true });
    fs.rmSync(desk, { recursive: true, force: true });
  },
});

/** The reference central API on loopback (`port` '0': any free one). */
export const startCentral = (dir: string, port = '0', persons = '300', extra: string[] = []) =>
  startEntry('src/central-api/start.ts', [
    '--port',
    port,
    '--data-dir',
    dir,
    '--demo-persons',
    persons,
    ...extra,
  ]);

/** A web door with no demo data, syncing with `central`. */
export const startDeskDoor = (dir: string, central: string) =>
  startEntry('src/main/web/start.ts', [
    '--port',
    '0',
    '--data-dir',
    dir,
    '--demo-persons',
    '0',
    '--central',
    central,
  ]);

export { expect };

/**
 * Like startEntry, and everything the process writes to stdout and stderr, from its first line
 * to its exit, is kept: `output()` answers it all so far (the privacy spec reads the app's whole
 * log output).
 */
export async function startEntryCapturing(
  entry: string,
  args: string[],
): Promise<Started & { output: () => string }> {
  const child = spawn(process.execPath, nodeArgs(entry, args), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${output}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { ready?: boolean; url?: string; port?: number };
        if (parsed.ready && parsed.url && parsed.port !== undefined) {
          clearTimeout(timer);
          resolve({ url: parsed.url, port: parsed.port });
        }
      } catch {
        // not the readiness line
      }
    });
  });
  return {
    ...ready,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
