/**
 * Reading old events into today's shape. Events are never rewritten in the store; instead each
 * stored event carries the schema version it was written with, and on read it is stepped forward
 * one version at a time (v1 -> v2 -> ...) until it has the current shape. Each step is a small pure
 * function that only knows two adjacent versions, so adding version N+1 never touches older steps.
 */
export type EventData = Readonly<Record<string, unknown>>;

/** Turns version `v` of an event's data into version `v + 1`. */
export type UpcastStep = (data: EventData) => EventData;

export type UpcasterRegistry<Type extends string> = Readonly<{
  /** The version this build writes, per event type. */
  currentVersions: Readonly<Record<Type, number>>;
  /** `steps[type][v]` reads version `v` into version `v + 1`. */
  steps: Readonly<Partial<Record<Type, Readonly<Record<number, UpcastStep>>>>>;
}>;

export class UpcastError extends Error {
  override readonly name = 'UpcastError';
}

export type Upcaster<E> = (type: string, schemaVersion: number, data: unknown) => E;

const isEventData = (data: unknown): data is EventData =>
  typeof data === 'object' && data !== null && !Array.isArray(data);

const isKnownType = <Type extends string>(registry: UpcasterRegistry<Type>, type: string): type is Type =>
  Object.hasOwn(registry.currentVersions, type);

const checkVersion = (type: string, schemaVersion: number, current: number): void => {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 0) {
    throw new UpcastError(
      `Event ${type} has schema version ${schemaVersion}; versions are whole numbers from 0`,
    );
  }
  if (schemaVersion > current) {
    throw new UpcastError(
      `Event ${type} has schema version ${schemaVersion}, newer than version ${current} this build knows: ` +
        'it was written by a newer kam-ledger; upgrade before reading this stream',
    );
  }
};

const stepForward = (
  type: string,
  steps: Readonly<Record<number, UpcastStep>>,
  from: number,
  data: EventData,
) => {
  const step = steps[from];
  if (step === undefined)
    throw new UpcastError(`No upcaster reads ${type} version ${from} into version ${from + 1}`);
  return step(data);
};

/** An upcaster over a registry: unknown types, malformed data and future versions fail loudly. */
export const createUpcaster =
  <E extends Readonly<{ type: string; data: unknown }>, Type extends string = E['type'] & string>(
    registry: UpcasterRegistry<Type>,
  ): Upcaster<E> =>
  (type, schemaVersion, data) => {
    if (!isKnownType(registry, type)) throw new UpcastError(`Unknown event type ${JSON.stringify(type)}`);
    if (!isEventData(data)) throw new UpcastError(`Event ${type} data must be an object`);
    const current = registry.currentVersions[type];
    checkVersion(type, schemaVersion, current);
    const steps = registry.steps[type] ?? {};
    let upcast = data;
    for (let version = schemaVersion; version < current; version += 1) {
      upcast = stepForward(type, steps, version, upcast);
    }
    return { type, data: upcast } as unknown as E;
  };
