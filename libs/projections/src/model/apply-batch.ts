import type { ProjectedEvent } from './projected-event.js';
import { keyString, type Projection, type Row, type SqlValue } from './table-spec.js';

/** A projection and the position it has folded up to (-1: nothing yet). */
export type ProjectionCursor = Readonly<{ projection: Projection; checkpoint: number }>;

export type TableWrite = Readonly<{
  projection: Projection;
  mode: 'upsert' | 'merge' | 'insert';
  rows: readonly Row[];
}>;

export type BatchFailure = Readonly<{ projection: string; event: ProjectedEvent; error: unknown }>;

/** One projection's rows in memory, staged per event so a failing event leaves nothing half-applied. */
class Fold {
  readonly #handles: ReadonlySet<string>;
  /** Keyed: stored or folded rows, null where the store has none. Additive: deltas not yet written. */
  readonly #rows = new Map<string, Row | null>();
  readonly #dirty = new Set<string>();
  #appended: Row[] = [];
  #stagedKey = '';
  #stagedRow: Row | null = null;

  constructor(readonly cursor: ProjectionCursor) {
    this.#handles = new Set(cursor.projection.handles);
  }

  get size(): number {
    return this.#rows.size + this.#appended.length;
  }

  takes(event: ProjectedEvent): boolean {
    return event.position > this.cursor.checkpoint && this.#handles.has(event.type);
  }

  knows(key: string): boolean {
    return this.#rows.has(key);
  }

  remember(key: string, row: Row | null): void {
    this.#rows.set(key, row);
  }

  /**
   * Folds the event into a staged row without keeping it yet; false when the event is not ours.
   * Staged in fields rather than returned in a tuple: this runs for every event and projection.
   */
  stage(event: ProjectedEvent): boolean {
    if (event.position <= this.cursor.checkpoint) return false;
    const projection = this.cursor.projection;
    if (projection.kind === 'append') {
      this.#stagedRow = projection.toRow(event);
      return true;
    }
    this.#stagedKey = keyString(projection.keyOf(event));
    this.#stagedRow = projection.evolve(this.#rows.get(this.#stagedKey) ?? null, event);
    return true;
  }

  keep(): void {
    const row = this.#stagedRow;
    if (row === null) return;
    if (this.cursor.projection.kind === 'append') this.#appended.push(row);
    else {
      this.#rows.set(this.#stagedKey, row);
      this.#dirty.add(this.#stagedKey);
    }
  }

  /** What changed since the last call. Additive deltas are handed over whole and start again from nothing. */
  takeWrite(): TableWrite {
    const { projection } = this.cursor;
    if (projection.kind === 'append') {
      const rows = this.#appended;
      this.#appended = [];
      return { projection, mode: 'insert', rows };
    }
    const rows = [...this.#dirty].map((key) => this.#rows.get(key)).filter((row): row is Row => row != null);
    this.#dirty.clear();
    if (projection.kind === 'additive') this.#rows.clear();
    return { projection, mode: projection.kind === 'keyed' ? 'upsert' : 'merge', rows };
  }

  /** Drops the rows held in memory if more than `keep`; call after `takeWrite`, so nothing unwritten is lost. */
  forget(keep: number): void {
    if (this.#rows.size > keep) this.#rows.clear();
  }
}

/**
 * Folds events into each projection's rows in memory: keyed rows over what is stored, additive rows
 * from nothing (merged into the stored rows in SQL), appended rows as they come. A runner uses one
 * per batch; a rebuild keeps one across batches, so a row changed by many events is written once.
 */
export class ProjectionFolder {
  readonly #folds: readonly Fold[];
  /** Event type to the folds that take it: most events concern two or three projections of five. */
  readonly #byType = new Map<string, Fold[]>();

  constructor(cursors: readonly ProjectionCursor[]) {
    this.#folds = cursors.map((cursor) => new Fold(cursor));
    for (const fold of this.#folds) {
      for (const type of fold.cursor.projection.handles)
        this.#byType.set(type, [...(this.#byType.get(type) ?? []), fold]);
    }
  }

  /** Rows held in memory, over all projections. */
  get size(): number {
    return this.#folds.reduce((sum, fold) => sum + fold.size, 0);
  }

  /** Keys of stored rows that keyed projections need for these events and do not hold yet. */
  missingKeys(events: readonly ProjectedEvent[]): ReadonlyMap<Projection, readonly (readonly SqlValue[])[]> {
    const result = new Map<Projection, (readonly SqlValue[])[]>();
    for (const fold of this.#folds) {
      const { projection } = fold.cursor;
      if (projection.kind !== 'keyed') continue;
      const keys = new Map<string, readonly SqlValue[]>();
      for (const event of events) {
        const key = fold.takes(event) ? keyOf(projection, event) : null;
        if (key !== null && !fold.knows(keyString(key))) keys.set(keyString(key), key);
      }
      result.set(projection, [...keys.values()]);
    }
    return result;
  }

  /** Stored rows for the keys asked for; a key without a row is remembered as absent. */
  remember(
    projection: Projection,
    keys: readonly (readonly SqlValue[])[],
    rows: ReadonlyMap<string, Row>,
  ): void {
    const fold = this.#folds.find((candidate) => candidate.cursor.projection === projection);
    for (const key of keys) fold?.remember(keyString(key), rows.get(keyString(key)) ?? null);
  }

  /** Folds the events in order; stops before the first one a projection throws on and reports it. */
  fold(events: readonly ProjectedEvent[]): BatchFailure | null {
    const staged: boolean[] = [];
    for (const event of events) {
      const folds = this.#byType.get(event.type);
      if (folds === undefined) continue;
      for (let index = 0; index < folds.length; index += 1) {
        const fold = folds[index] as Fold;
        try {
          staged[index] = fold.stage(event);
        } catch (error) {
          return { projection: fold.cursor.projection.name, event, error };
        }
      }
      for (let index = 0; index < folds.length; index += 1) if (staged[index] === true) folds[index]?.keep();
    }
    return null;
  }

  takeWrites(): readonly TableWrite[] {
    return this.#folds.map((fold) => fold.takeWrite());
  }

  /** Bounds memory: drops the held rows of each projection that holds more than `keep`. */
  forget(keep = 0): void {
    for (const fold of this.#folds) fold.forget(keep);
  }
}

/** A malformed event has no key; folding it throws again and reports it where it stands. */
const keyOf = (
  projection: Projection & { kind: 'keyed' },
  event: ProjectedEvent,
): readonly SqlValue[] | null => {
  try {
    return projection.keyOf(event);
  } catch {
    return null;
  }
};
