import { once } from 'node:events';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '@kam/config';
import { eventsToExport, toNdjsonLine } from '@kam/audit';
import type { GlobalOptions } from '../cli-options.js';
import { withEngine } from '../engine.js';

type ExportFlags = Readonly<{ stream?: string; from?: bigint }>;

const CHUNK_BYTES = 64 * 1024;

const position = (value: string): bigint => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a log position (a whole number).');
  return BigInt(value);
};

/**
 * Writes text to stdout, waiting for the pipe to drain when the reader is slower than the log, so
 * exporting a million events never buffers them all. Stops quietly when the reader goes away (`| head`).
 */
export const createStdoutWriter = () => {
  let closed = false;
  const onError = () => {
    closed = true;
  };
  process.stdout.on('error', onError);
  return {
    get closed() {
      return closed;
    },
    write: async (text: string): Promise<void> => {
      if (closed || process.stdout.write(text)) return;
      const abort = new AbortController();
      const { signal } = abort;
      // once() rejects when the pipe breaks while waiting: that is the reader leaving, not a failure.
      await Promise.race([
        once(process.stdout, 'drain', { signal }),
        once(process.stdout, 'close', { signal }),
      ])
        .catch(onError)
        .finally(() => abort.abort());
    },
    end: () => {
      process.stdout.off('error', onError);
    },
  };
};

export const registerExportCommand = (program: Command): void => {
  program
    .command('export')
    .description('write the events, with their metadata, as NDJSON on stdout (one event per line)')
    .option('--stream <id>', 'one stream only, e.g. account-<accountId>')
    .option('--from <position>', 'start at this log position (inclusive)', position)
    .action(async (flags: ExportFlags, command: Command) => {
      const config = loadConfig(process.env, command.optsWithGlobals<GlobalOptions>());
      await withEngine(config, async ({ store }) => {
        const out = createStdoutWriter();
        let chunk = '';
        for await (const event of eventsToExport(store, {
          streamId: flags.stream,
          fromPosition: flags.from,
        })) {
          chunk += toNdjsonLine(event);
          if (chunk.length < CHUNK_BYTES) continue;
          await out.write(chunk);
          chunk = '';
          if (out.closed) return;
        }
        if (chunk.length > 0) await out.write(chunk);
        out.end();
      });
    });
};
