/**
 * Updates: the restart decision (never with a call open, never before the outbox is on disk,
 * only a verified newer download), the state after each updater event (a failed or corrupt
 * download changes nothing), and the controller driving a stand-in for electron-updater.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/connection';
import {
  checkpointReplica,
  startUpdateController,
  type UpdateController,
  type UpdaterLike,
} from '../../src/main/desktop/update-controller';
import {
  ABANDONED_CALL_MS,
  decideRestart,
  initialUpdateState,
  nextUpdateState,
  type RestartSituation,
} from '../../src/main/desktop/update-decision';
import { compareVersions } from '../../src/shared/version';
import { tempDir } from '../support/context';

const NOW = new Date('2026-12-01T15:00:00Z');
const calm: RestartSituation = {
  currentVersion: '1.2.0',
  downloaded: '1.3.0',
  openCallsSince: [],
  now: NOW,
  outboxOnDisk: true,
  writing: false,
};

describe('the restart decision', () => {
  it('restarts into a newer verified download when nothing is in the way', () => {
    expect(decideRestart(calm)).toEqual({ restart: true, version: '1.3.0' });
  });

  it('never with a call open', () => {
    const since = new Date(NOW.getTime() - 5 * 60_000).toISOString();
    expect(decideRestart({ ...calm, openCallsSince: [since] })).toEqual({
      restart: false,
      reason: 'call_open',
    });
  });

  it('a call forgotten open for half a day does not block updates forever', () => {
    const since = new Date(NOW.getTime() - ABANDONED_CALL_MS - 1).toISOString();
    expect(decideRestart({ ...calm, openCallsSince: [since] }).restart).toBe(true);
  });

  it('never before the outbox is on disk, nor during a write', () => {
    expect(decideRestart({ ...calm, outboxOnDisk: false })).toEqual({
      restart: false,
      reason: 'outbox_not_on_disk',
    });
    expect(decideRestart({ ...calm, writing: true })).toEqual({
      restart: false,
      reason: 'writing',
    });
  });

  it('never without a download, nor into the same or an older version', () => {
    expect(decideRestart({ ...calm, downloaded: null })).toMatchObject({ reason: 'no_update' });
    expect(decideRestart({ ...calm, downloaded: '1.2.0' })).toMatchObject({ reason: 'not_newer' });
    expect(decideRestart({ ...calm, downloaded: '1.1.9' })).toMatchObject({ reason: 'not_newer' });
  });

  it('compares versions as numbers, a pre-release below its release', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBeGreaterThan(0);
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('2.0.0-beta.1', '2.0.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0-beta.2', '2.0.0-beta.1')).toBeGreaterThan(0);
    // Numeric identifiers as numbers, not as text; a hyphen inside a pre-release kept.
    expect(compareVersions('2.0.0-beta.10', '2.0.0-beta.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-rc-2', '2.0.0-rc-1')).toBeGreaterThan(0);
    expect(
      decideRestart({ ...calm, downloaded: '1.3.0-beta.10', currentVersion: '1.3.0-beta.9' }),
    ).toMatchObject({ restart: true });
    // A version that cannot be read is never newer.
    expect(decideRestart({ ...calm, downloaded: 'latest' })).toMatchObject({ reason: 'not_newer' });
  });
});

describe('the update state', () => {
  it('a failed download changes nothing', () => {
    let state = nextUpdateState(initialUpdateState, { type: 'checking' });
    state = nextUpdateState(state, { type: 'available', version: '1.3.0' });
    state = nextUpdateState(state, { type: 'error', message: 'sha512 checksum mismatch' });
    expect(state).toEqual({
      phase: 'idle',
      downloaded: null,
      lastError: 'sha512 checksum mismatch',
    });
  });

  it('a corrupt newer download keeps the good one already downloaded', () => {
    let state = nextUpdateState(initialUpdateState, { type: 'downloaded', version: '1.3.0' });
    state = nextUpdateState(state, { type: 'available', version: '1.4.0' });
    state = nextUpdateState(state, { type: 'error', message: 'corrupt' });
    expect(state).toMatchObject({ phase: 'ready', version: '1.3.0', downloaded: '1.3.0' });
  });
});

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feed: unknown = null;
  checks = 0;
  installs: unknown[][] = [];
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  checkForUpdates() {
    this.checks += 1;
    return Promise.resolve(null);
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args);
  }
}

const controllers: UpdateController[] = [];
afterEach(() => {
  while (controllers.length) controllers.pop()!.stop();
});

function setup(overrides: { flush?: () => boolean; answers?: boolean[] } = {}) {
  const updater = new FakeUpdater();
  const calls: string[] = [];
  const events: string[] = [];
  const clock = { now: NOW };
  const answers = [...(overrides.answers ?? [true])];
  const controller = startUpdateController({
    updater,
    feedUrl: 'https://actualizaciones.ejemplo.cl/mesa',
    currentVersion: '1.2.0',
    situation: () => ({ openCallsSince: [...calls], writing: false }),
    flushToDisk: () => {
      events.push('flush');
      return overrides.flush ? overrides.flush() : true;
    },
    ask: (version) => {
      events.push(`ask ${version}`);
      return Promise.resolve(answers.shift() ?? false);
    },
    beforeInstall: () => events.push('close replica'),
    log: () => undefined,
    now: () => clock.now,
  });
  controllers.push(controller);
  return { updater, calls, events, clock, controller };
}

describe('the update controller', () => {
  it('checks the address IT configured at start, and installs only when it decides', () => {
    const { updater } = setup();
    expect(updater.feed).toEqual({
      provider: 'generic',
      url: 'https://actualizaciones.ejemplo.cl/mesa',
    });
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('a failed download offers nothing and installs nothing', async () => {
    const { updater, events, controller } = setup();
    updater.emit('update-available', { version: '1.3.0' });
    updater.emit('error', new Error('net::ERR_CONNECTION_RESET'));
    await controller.offerIfReady();
    expect(events).toEqual([]);
    expect(updater.installs).toEqual([]);
    expect(controller.state()).toMatchObject({ downloaded: null });
  });

  it('waits for the call to end, then flushes the outbox to disk before restarting', async () => {
    const { updater, calls, events, controller } = setup();
    calls.push(new Date(NOW.getTime() - 60_000).toISOString());
    updater.emit('update-downloaded', { version: '1.3.0' });
    await controller.offerIfReady();
    expect(events).toEqual([]);
    calls.pop();
    await controller.offerIfReady();
    expect(events).toEqual(['ask 1.3.0', 'flush', 'close replica']);
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('does not restart when the replica could not be written to disk', async () => {
    const { updater, events, controller } = setup({ flush: () => false });
    updater.emit('update-downloaded', { version: '1.3.0' });
    await controller.offerIfReady();
    expect(events).toEqual(['ask 1.3.0', 'flush']);
    expect(updater.installs).toEqual([]);
  });

  it('does not restart when a call opened while the question was on screen', async () => {
    const updater = new FakeUpdater();
    const calls: string[] = [];
    const controller = startUpdateController({
      updater,
      feedUrl: 'https://actualizaciones.ejemplo.cl/mesa',
      currentVersion: '1.2.0',
      situation: () => ({ openCallsSince: [...calls], writing: false }),
      flushToDisk: () => true,
      ask: () => {
        calls.push(NOW.toISOString());
        return Promise.resolve(true);
      },
      beforeInstall: () => undefined,
      log: () => undefined,
      now: () => NOW,
    });
    controllers.push(controller);
    updater.emit('update-downloaded', { version: '1.3.0' });
    await controller.offerIfReady();
    expect(updater.installs).toEqual([]);
  });

  it('"Más tarde" puts the offer off for an hour', async () => {
    const { updater, events, clock, controller } = setup({ answers: [false, true] });
    updater.emit('update-downloaded', { version: '1.3.0' });
    await controller.offerIfReady();
    expect(events).toEqual(['ask 1.3.0']);
    clock.now = new Date(NOW.getTime() + 30 * 60_000);
    await controller.offerIfReady();
    expect(events).toEqual(['ask 1.3.0']);
    clock.now = new Date(NOW.getTime() + 61 * 60_000);
    await controller.offerIfReady();
    expect(events).toEqual(['ask 1.3.0', 'ask 1.3.0', 'flush', 'close replica']);
    expect(updater.installs).toHaveLength(1);
  });
});

describe('the update controller when the desk fails under it', () => {
  it('a downloaded update whose offer throws (the replica closed) is logged, never an unhandled rejection', async () => {
    const updater = new FakeUpdater();
    const logged: string[] = [];
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const controller = startUpdateController({
        updater,
        feedUrl: 'https://actualizaciones.ejemplo.cl/mesa',
        currentVersion: '1.2.0',
        situation: () => {
          throw new TypeError('The database connection is not open');
        },
        flushToDisk: () => true,
        ask: () => Promise.resolve(true),
        beforeInstall: () => undefined,
        log: (message) => logged.push(message),
        now: () => NOW,
        retryEveryMs: 5,
      });
      controllers.push(controller);
      updater.emit('update-downloaded', { version: '1.3.0' });
      // The retry timer offers again, and fails the same way.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(rejections).toEqual([]);
      expect(
        logged.filter((line) => line.startsWith('update offer failed')).length,
      ).toBeGreaterThan(1);
      expect(logged[0]).toContain('The database connection is not open');
      expect(updater.installs).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('checkpointing the replica', () => {
  it('moves every committed write into the database file', () => {
    const file = path.join(tempDir(), 'replica.db');
    const sqlite = openSqlite(file);
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.exec('CREATE TABLE outbox (id INTEGER PRIMARY KEY, payload TEXT)');
      sqlite.prepare('INSERT INTO outbox (payload) VALUES (?)').run('x'.repeat(10_000));
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      expect(checkpointReplica(sqlite)).toBe(true);
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
      let inside: boolean | null = null;
      sqlite.transaction(() => {
        inside = checkpointReplica(sqlite);
      })();
      expect(inside).toBe(false);
    } finally {
      sqlite.close();
    }
  });
});
