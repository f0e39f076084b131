import { parse } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { CliFailure } from '../cli-errors.js';
import { COLUMNS, type CsvRow, type ImportKind } from './import-kinds.js';

export type CsvSource = Readonly<{
  rows: AsyncIterable<CsvRow>;
  /** The file's size: with each row's offset, the progress of a stream whose row count is unknown. */
  size: number;
}>;

const sizeOf = (file: string): number => {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliFailure(`${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`,
    );
  }
};

/** Maps the header to column positions; a missing required column stops the import before any row. */
const readHeader = (
  kind: ImportKind,
  file: string,
  header: readonly string[],
  warn: (message: string) => void,
): ReadonlyMap<string, number> => {
  const { required, optional } = COLUMNS[kind];
  const known = new Set([...required, ...optional]);
  const positions = new Map(header.map((name, index) => [name, index] as const));
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length > 0) {
    throw new CliFailure(
      `${file}: the header lacks ${missing.join(', ')}; ${kind} need the columns ${required.join(', ')}` +
        (optional.length > 0 ? ` (optional: ${optional.join(', ')})` : ''),
    );
  }
  const unknown = header.filter((name) => !known.has(name));
  if (unknown.length > 0) warn(`${file}: ignoring unknown columns ${unknown.join(', ')}`);
  return positions;
};

/**
 * Streams the file through csv-parse, never holding more than the row in hand: the header row names
 * the columns, in any order. A malformed CSV (an unclosed quote) stops the import with its line.
 */
export const openCsvRows = (kind: ImportKind, file: string, warn: (message: string) => void): CsvSource => {
  const size = sizeOf(file);
  const input = createReadStream(file);
  // Per record, in order: the line it ends on (what a person looks for in the file) and the bytes
  // parsed through it (the progress of the row in hand; the parser reads ahead of it).
  const parsedAt: { line: number; offset: number }[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record, context) => {
        parsedAt.push({ line: context.lines, offset: context.bytes });
        return record;
      },
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  async function* rows(): AsyncGenerator<CsvRow> {
    let positions: ReadonlyMap<string, number> | null = null;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        const { line, offset } = parsedAt.shift() ?? { line: 0, offset: 0 };
        if (positions === null) {
          positions = readHeader(kind, file, record, warn);
          continue;
        }
        const values = Object.fromEntries([...positions].map(([name, index]) => [name, record[index] ?? '']));
        yield { line, offset, values };
      }
    } catch (error) {
      if (error instanceof CliFailure) throw error;
      throw new CliFailure(`${file}: not readable as CSV: ${(error as Error).message}`);
    } finally {
      input.destroy();
    }
    if (positions === null)
      throw new CliFailure(`${file} is empty: it needs a header row naming the columns`);
  }
  return { rows: rows(), size };
};
