import type { ProjectedEvent } from './projected-event.js';
import type { Projection, Row } from './table-spec.js';

/** A projection and the position it has folded up to (-1: nothing yet). */
export type ProjectionCursor = Readonly<{ projection: Projection; checkpoint: number }>;

export type TableWrite = Readonly<{
  projection: Projection;
  mode: 'upsert' | 'merge' | 'insert';
  rows: readonly Row[];
}>;

/**
 * One projection's rows in memory, staged per event so a failing event leaves nothing half-applied.
 * Events a keyed projection declares `touchOnly` (they only move bookkeeping columns, the latest one
 * winning) are folded lazily: only the last of a run is applied, before the next other event or the write.
 */
export class Fold {
  readonly #handles: ReadonlySet<string>;
  readonly #touchOnly: ReadonlySet<string>;
  /** Keyed: stored or folded rows, null where the store has none. Additive: deltas not yet written. */
  readonly #rows = new Map<string, Row | null>();
  readonly #touched = new Map<string, ProjectedEvent>();
  readonly #dirty = new Set<string>();
  #appended: Row[] = [];
  #stagedKey = '';
  #stagedRow: Row | null = null;
  #stagedTouch: ProjectedEvent | null = null;

  constructor(readonly cursor: ProjectionCursor) {
    const { projection } = cursor;
    this.#handles = new Set(projection.handles);
    this.#touchOnly = new Set(projection.kind === 'keyed' ? (projection.touchOnly ?? []) : []);
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
    this.#stagedTouch = null;
    if (projection.kind === 'append') {
      this.#stagedRow = projection.toRow(event);
      return true;
    }
    const key = projection.keyOf(event);
    this.#stagedKey = key;
    if (this.#touchOnly.has(event.type)) {
      if ((this.#rows.get(key) ?? null) === null) return false;
      this.#stagedTouch = event;
      return true;
    }
    this.#stagedRow = projection.evolve(this.#current(key), event);
    return true;
  }

  keep(): void {
    const { kind } = this.cursor.projection;
    if (this.#stagedTouch !== null) {
      this.#touched.set(this.#stagedKey, this.#stagedTouch);
      this.#dirty.add(this.#stagedKey);
      return;
    }
    const row = this.#stagedRow;
    if (row === null) return;
    if (kind === 'append') this.#appended.push(row);
    else {
      this.#rows.set(this.#stagedKey, row);
      // Every additive row held is a delta to write: no dirty set to keep for those.
      if (kind === 'keyed') this.#dirty.add(this.#stagedKey);
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
    // In key order: the b-tree takes sorted inserts several times faster than scattered ones.
    const rows = [...(projection.kind === 'keyed' ? this.#dirty : this.#rows.keys())]
      .sort()
      .map((key) => this.#current(key))
      .filter((row): row is Row => row !== null);
    this.#dirty.clear();
    if (projection.kind === 'additive') this.#rows.clear();
    return { projection, mode: projection.kind === 'keyed' ? 'upsert' : 'merge', rows };
  }

  /** Drops the rows held in memory if more than `keep`; call after `takeWrite`, so nothing unwritten is lost. */
  forget(keep: number): void {
    if (this.#rows.size > keep) this.#rows.clear();
  }

  /** The row with its pending touch applied: the touch only moves columns, so it cannot throw. */
  #current(key: string): Row | null {
    const row = this.#rows.get(key) ?? null;
    if (this.#touched.size === 0) return row;
    const touch = this.#touched.get(key);
    if (touch === undefined || row === null || this.cursor.projection.kind === 'append') return row;
    this.#touched.delete(key);
    const touched = this.cursor.projection.evolve(row, touch);
    this.#rows.set(key, touched);
    return touched;
  }
}
