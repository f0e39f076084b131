type Listener = () => void;

/**
 * In-process wake-up after a commit, keyed by the database file, so a subscription sees this process's
 * appends at once, also those made through another store instance on the same file. Other processes'
 * appends are found by polling.
 */
const listenersByFile = new Map<string, Set<Listener>>();

export function onCommit(file: string, listener: Listener): () => void {
  let listeners = listenersByFile.get(file);
  if (listeners === undefined) {
    listeners = new Set();
    listenersByFile.set(file, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByFile.delete(file);
  };
}

export function signalCommit(file: string): void {
  const listeners = listenersByFile.get(file);
  if (listeners === undefined) return;
  for (const listener of [...listeners]) listener();
}
