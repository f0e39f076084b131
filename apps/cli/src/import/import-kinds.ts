/** The CSV columns of each import (../shared/surface.md): header row, any order, extras ignored. */
export const IMPORT_KINDS = ['accounts', 'orders', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnSpec = Readonly<{ required: readonly string[]; optional: readonly string[] }>;

export const COLUMNS: Readonly<Record<ImportKind, ColumnSpec>> = {
  accounts: { required: ['accountId', 'name', 'industry', 'region'], optional: ['source'] },
  orders: {
    required: ['accountId', 'orderId', 'amount', 'currency', 'grossProfit', 'occurredAt'],
    optional: ['channel'],
  },
  payments: { required: ['accountId', 'invoiceId', 'amount', 'currency', 'dueAt', 'paidAt'], optional: [] },
};

/** One data row: its line, the bytes of the file through it, its known columns ('' when left out). */
export type CsvRow = Readonly<{ line: number; offset: number; values: Readonly<Record<string, string>> }>;
