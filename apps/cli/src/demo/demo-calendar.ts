/** Calendar arithmetic for the simulation, in UTC. */
export const addMonths = (date: Date, months: number): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

export const startOfMonth = (date: Date): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));

/** The last millisecond of the month: when the team closes the month and records what happened. */
export const endOfMonth = (monthStart: Date): Date => new Date(addMonths(monthStart, 1).getTime() - 1);

export const isQuarterEnd = (monthStart: Date): boolean => monthStart.getUTCMonth() % 3 === 2;

export const money = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);
