import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/main/web/server';

/** The built renderer carries its CSP in a meta tag (dev keeps Vite's inline preamble working). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          // frame-ancestors only works as a header (the web door sends it; files have no frames).
          content: CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, ''),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** `--mode package` (npm run dist) builds what installers ship: no demo seed, no demo agents. */
const PACKAGE_MODE = 'package';

/**
 * drizzle's better-sqlite3 driver imports the plain `better-sqlite3` package, which the app does
 * not ship (one SQLite in it: the encrypting build). So the main bundle carries drizzle itself,
 * with that import pointed at better-sqlite3-multiple-ciphers (the same API), which stays an
 * outside module for its native binding. Without this the installed app stops at its first import.
 */
const SQLITE_ALIAS = { find: /^better-sqlite3$/, replacement: 'better-sqlite3-multiple-ciphers' };

export default defineConfig(({ mode }) => ({
  main: {
    resolve: {
      alias: [
        SQLITE_ALIAS,
        ...(mode === PACKAGE_MODE
          ? [
              {
                find: /^\.\.\/storage\/seed\/seed-database$/,
                replacement: resolve('src/main/desktop/no-demo-data.ts'),
              },
            ]
          : []),
      ],
    },
    build: {
      externalizeDeps: { exclude: ['drizzle-orm'] },
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Large bulk loads run on a worker thread of their own (src/main/bulk/apply-thread.ts).
          'bulk-apply-worker': resolve('src/main/bulk/apply-worker.ts'),
          // A large bulk preview reads the company's members there (src/main/bulk/members-thread.ts).
          'bulk-members-worker': resolve('src/main/bulk/members-worker.ts'),
          // The worker thread that builds a snapshot's indexes (src/storage/db/deferred-indexes.ts).
          'index-worker': resolve('src/storage/db/index-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), contentSecurityPolicy()],
  },
}));
