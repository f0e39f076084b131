import type { RecordedEvent } from '@kam/event-store';
import { ProjectionFolder, type ProjectionCursor } from '../model/apply-batch.js';
import { toProjectedEvent, type ProjectedEvent } from '../model/projected-event.js';
import { splitKey } from '../model/table-spec.js';
import { ProjectionFailedError } from '../projection.errors.js';
import type { Lease, ProjectionBackend, Target } from './projection-backend.js';

export type BatchContext = Readonly<{
  backend: ProjectionBackend;
  target: Target;
  lease: () => Lease;
}>;

export type Unreadable = Readonly<{ position: bigint; type: string; error: unknown }>;

/** The batch's account events up to the first one the upcasters cannot read. */
export function readEvents(recorded: readonly RecordedEvent[]): {
  events: ProjectedEvent[];
  unreadable: Unreadable | null;
} {
  const events: ProjectedEvent[] = [];
  for (const event of recorded) {
    try {
      const projected = toProjectedEvent(event);
      if (projected !== null) events.push(projected);
    } catch (error) {
      return { events, unreadable: { position: event.position, type: event.type, error } };
    }
  }
  return { events, unreadable: null };
}

/**
 * Gives the folder the stored rows it lacks for these events. `startedEmpty`: the tables held nothing
 * when the folder began (a rebuild's), so for a projection whose fold still holds every row it wrote,
 * a missing row is absent without asking.
 */
export async function loadMissing(
  folder: ProjectionFolder,
  context: BatchContext,
  events: readonly ProjectedEvent[],
  startedEmpty = false,
): Promise<void> {
  for (const [projection, keys] of folder.missingKeys(events)) {
    if (keys.length === 0) continue;
    if (startedEmpty && folder.holdsAll(projection)) {
      folder.remember(projection, keys, new Map());
      continue;
    }
    folder.remember(
      projection,
      keys,
      await context.backend.load(projection, context.target, keys.map(splitKey)),
    );
  }
}

export const unreadableError = (
  cursors: readonly ProjectionCursor[],
  unreadable: Unreadable,
): ProjectionFailedError =>
  new ProjectionFailedError(
    cursors.map((cursor) => cursor.projection.name).join(', '),
    unreadable.position,
    unreadable.type,
    unreadable.error,
  );

/**
 * Folds one batch of the log into the live read models and commits it with the checkpoints. On a
 * failing event, commits everything before it, then throws ProjectionFailedError: nothing is skipped.
 */
export async function processBatch(
  context: BatchContext,
  cursors: readonly ProjectionCursor[],
  recorded: readonly RecordedEvent[],
): Promise<readonly ProjectionCursor[]> {
  const last = recorded.at(-1);
  if (last === undefined) return cursors;
  const { events, unreadable } = readEvents(recorded);
  const folder = new ProjectionFolder(cursors);
  await loadMissing(folder, context, events);
  const failure = folder.fold(events);
  const failedAt = failure?.event.position ?? (unreadable === null ? null : Number(unreadable.position));
  const end = failedAt === null ? Number(last.position) : failedAt - 1;
  const checkpoints = cursors
    .filter((cursor) => cursor.checkpoint < end)
    .map((cursor) => ({ name: cursor.projection.name, expected: cursor.checkpoint, next: end }));
  await context.backend.commit({
    target: context.target,
    writes: folder.takeWrites(),
    lease: context.lease(),
    checkpoints,
  });
  if (failure !== null) {
    throw new ProjectionFailedError(
      failure.projection,
      BigInt(failure.event.position),
      failure.event.type,
      failure.error,
    );
  }
  if (unreadable !== null) throw unreadableError(cursors, unreadable);
  return cursors.map((cursor) => ({ ...cursor, checkpoint: Math.max(cursor.checkpoint, end) }));
}
