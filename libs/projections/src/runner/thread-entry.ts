import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type ThreadEntry = Readonly<{ url: URL; execArgv?: string[] }>;

/**
 * Where a worker thread starts: its built entry, or under the test runner (which runs the TypeScript
 * sources, so nothing is built beside them) its source entry, loaded through the same hooks as the
 * tests' child processes. Threads then run under test as they do in production.
 */
export const threadEntry = (built: URL, source: URL): ThreadEntry =>
  existsSync(fileURLToPath(built))
    ? { url: built }
    : {
        url: source,
        execArgv: ['--import', fileURLToPath(new URL('../testing/ts-register.mjs', import.meta.url))],
      };
