import type { ProjectedEvent } from './projected-event.js';
import { Fold, type ProjectionCursor, type TableWrite } from './projection-fold.js';
import type { Projection, Row } from './table-spec.js';

export type { ProjectionCursor, TableWrite } from './projection-fold.js';

export type BatchFailure = Readonly<{ projection: string; event: ProjectedEvent; error: unknown }>;

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

  /** Keys (as `keyOf` builds them) of stored rows that keyed projections need and do not hold yet. */
  missingKeys(events: readonly ProjectedEvent[]): ReadonlyMap<Projection, readonly string[]> {
    const result = new Map<Projection, string[]>();
    for (const fold of this.#folds) {
      const { projection } = fold.cursor;
      if (projection.kind !== 'keyed') continue;
      const keys = new Set<string>();
      for (const event of events) {
        const key = fold.takes(event) ? keyOf(projection, event) : null;
        if (key !== null && !fold.knows(key)) keys.add(key);
      }
      result.set(projection, [...keys]);
    }
    return result;
  }

  /** Whether the projection's fold still holds every row it wrote (see `Fold.holdsAll`). */
  holdsAll(projection: Projection): boolean {
    return this.#folds.find((candidate) => candidate.cursor.projection === projection)?.holdsAll ?? false;
  }

  /** Stored rows for the keys asked for, by key; a key without a row is remembered as absent. */
  remember(projection: Projection, keys: readonly string[], rows: ReadonlyMap<string, Row>): void {
    const fold = this.#folds.find((candidate) => candidate.cursor.projection === projection);
    for (const key of keys) fold?.remember(key, rows.get(key) ?? null);
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

  /** See `Fold.takeWrite` for `holdKeyedUpTo`. */
  takeWrites(holdKeyedUpTo?: number): readonly TableWrite[] {
    return this.#folds.map((fold) => fold.takeWrite(holdKeyedUpTo));
  }

  /** Bounds memory: drops the held rows of each projection that holds more than `keep`. */
  forget(keep = 0): void {
    for (const fold of this.#folds) fold.forget(keep);
  }
}

/** A malformed event has no key; folding it throws again and reports it where it stands. */
const keyOf = (projection: Projection & { kind: 'keyed' }, event: ProjectedEvent): string | null => {
  try {
    return projection.keyOf(event);
  } catch {
    return null;
  }
};
