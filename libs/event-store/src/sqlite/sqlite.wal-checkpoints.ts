import { openKamSqliteDatabase } from './sqlite.connection.js';

/**
 * Checkpoints the file's WAL every `intervalMs` on a connection of its own, for a writer that has
 * handed its checkpoints over (SqliteEventStore.walCheckpointsBy): run from another
 * thread, the checkpoint's page copies and fsyncs no longer stall the commit that crossed the WAL's
 * threshold. PASSIVE takes no lock a writer or reader waits for; frames it cannot reach yet (a reader
 * still needs them) are copied by a later round. Returns the function that stops it.
 */
export function startWalCheckpoints(file: string, intervalMs: number): () => void {
  const db = openKamSqliteDatabase({ file });
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
  return () => {
    clearInterval(timer);
    db.close();
  };
}
