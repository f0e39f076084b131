import type { EventStore, ReadAllPagesOptions, RecordedEvent } from './event-store.port.js';

export const DEFAULT_READ_PAGE_SIZE = 512;

/** The page size asked for, or the default; anything but a positive integer is a caller's bug. */
export function pageSizeOf(options: ReadAllPagesOptions): number {
  const size = options.pageSize ?? DEFAULT_READ_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${String(size)}`);
  return size;
}

/** Groups an event stream into arrays of at most `size`, never empty, keeping the order. */
export async function* pagesOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** The global log a page at a time: the store's own paged read where it has one, else its `readAll` grouped. */
export function readAllPages(
  store: EventStore,
  options: ReadAllPagesOptions = {},
): AsyncIterable<readonly RecordedEvent[]> {
  const size = pageSizeOf(options);
  if (store.readAllPages !== undefined) return store.readAllPages(options);
  const { pageSize: _pageSize, ...readAllOptions } = options;
  return pagesOf(store.readAll(readAllOptions), size);
}
