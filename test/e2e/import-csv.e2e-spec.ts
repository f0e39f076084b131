import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '@kam/test-support';
import { runCli } from './api-harness.js';

type Report = {
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: { line: number; field: string; rule: string; message: string }[];
};
type HistoryItem = {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; reason: string | null };
};

// Each case runs `kam` several times; every run boots the engine.
const CLI_TIMEOUT_MS = 60_000;

const dataDir = tempDataDir('kam-import');
const file = (name: string, lines: readonly string[]): string => {
  const target = path.join(dataDir, name);
  writeFileSync(target, `${lines.join('\n')}\n`);
  return target;
};

const importFile = async (kind: string, target: string) => {
  const run = await runCli(['import', kind, target, '--json', '--data-dir', dataDir]);
  return { ...run, report: JSON.parse(run.stdout) as Report };
};

const historyOf = async (accountId: string): Promise<HistoryItem[]> => {
  const run = await runCli(['history', accountId, '--json', '--data-dir', dataDir]);
  return run.code === 0 ? (JSON.parse(run.stdout) as HistoryItem[]) : [];
};

const ACCOUNTS = file('accounts.csv', [
  'region,accountId,crm_owner,name,industry,source',
  'east,acc-1,bob,Acme Tooling,manufacturing,trade fair',
  'west,acc-2,alice,"Beta, Foods",food,',
  ',acc-3,carol,No Region Ltd,food,',
]);

const ORDERS = file('orders.csv', [
  'occurredAt,amount,grossProfit,currency,orderId,accountId,channel,note',
  '2026-01-15,1200.50,300.00,CNY,o-1,acc-1,direct,first',
  '2026-01-16T09:30:00+08:00,800.00,-50.00,CNY,o-2,acc-2,,sold at a loss',
  '2026-01-17,-5.00,1.00,CNY,o-3,acc-1,,',
  '2026-01-17,10.00,1.00,XYZ,o-4,acc-1,,',
  '2026-01-18,10.00,1.00,CNY,o-5,acc-404,,',
  '2099-01-18,10.00,1.00,CNY,o-6,acc-1,,',
  '2026-02-30,10.00,1.00,CNY,o-7,acc-1,,',
]);

const PAYMENTS = file('payments.csv', [
  'accountId,invoiceId,amount,currency,dueAt,paidAt',
  'acc-1,inv-1,1200.50,CNY,2026-02-15,2026-02-20',
  'acc-1,inv-2,99.00,CNY,2026-03-15,2099-03-01',
]);

describe('kam import: CSV exports streamed through the account commands', () => {
  it(
    'imports accounts in any column order, reports the bad row, and warns once about unknown columns',
    async () => {
      const { code, report, stderr } = await importFile('accounts', ACCOUNTS);
      expect(report).toEqual({
        accepted: 2,
        rejected: 1,
        duplicates: 0,
        errors: [{ line: 4, field: 'region', rule: 'required', message: expect.any(String) }],
      });
      expect(code).toBe(1);
      expect(stderr.match(/ignoring unknown columns crm_owner/g)).toHaveLength(1);
      const [registered] = await historyOf('acc-2');
      expect(registered?.data).toMatchObject({ name: 'Beta, Foods', region: 'west', source: null });
      expect(registered?.metadata).toMatchObject({
        actor: 'import',
        reason: 'kam import accounts accounts.csv',
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    're-importing the accounts records nothing twice; the same id with other data is refused',
    async () => {
      const again = await importFile('accounts', ACCOUNTS);
      expect(again.report).toMatchObject({ accepted: 0, duplicates: 2, rejected: 1 });
      const renamed = file('accounts-renamed.csv', [
        'accountId,name,industry,region',
        'acc-1,Acme Renamed,manufacturing,east',
      ]);
      const conflict = await importFile('accounts', renamed);
      expect(conflict.report.errors).toEqual([
        expect.objectContaining({ line: 2, field: 'accountId', rule: 'registered_with_other_data' }),
      ]);
      expect(await historyOf('acc-1')).toHaveLength(1);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'imports orders row by row: each bad row names its line, field and rule, the rest go on',
    async () => {
      const { report } = await importFile('orders', ORDERS);
      expect(report.accepted).toBe(2);
      expect(report.rejected).toBe(5);
      expect(report.errors.map(({ line, field, rule }) => ({ line, field, rule }))).toEqual([
        { line: 4, field: 'amount', rule: 'positive_decimal' },
        { line: 5, field: 'currency', rule: 'iso4217' },
        { line: 6, field: 'accountId', rule: 'account_not_registered' },
        { line: 7, field: 'occurredAt', rule: 'not_in_future' },
        { line: 8, field: 'occurredAt', rule: 'iso8601' },
      ]);
      const order = (await historyOf('acc-2')).find((item) => item.type === 'OrderRecorded');
      expect(order?.data).toMatchObject({
        orderId: 'o-2',
        amount: { amount: '800.00', currency: 'CNY' },
        grossProfit: { amount: '-50.00', currency: 'CNY' },
        occurredAt: '2026-01-16T09:30:00+08:00',
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    're-importing the orders records nothing twice',
    async () => {
      const before = (await historyOf('acc-1')).length + (await historyOf('acc-2')).length;
      const { report } = await importFile('orders', ORDERS);
      expect(report).toMatchObject({ accepted: 0, duplicates: 2, rejected: 5 });
      expect((await historyOf('acc-1')).length + (await historyOf('acc-2')).length).toBe(before);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'issues an unknown invoice from the payment row, then records the payment; a bad row leaves nothing',
    async () => {
      const { report } = await importFile('payments', PAYMENTS);
      expect(report).toMatchObject({ accepted: 1, rejected: 1, duplicates: 0 });
      expect(report.errors).toEqual([
        expect.objectContaining({ line: 3, field: 'paidAt', rule: 'not_in_future' }),
      ]);
      const receivables = (await historyOf('acc-1')).filter(
        (item) => item.type !== 'AccountRegistered' && item.type !== 'OrderRecorded',
      );
      expect(receivables.map((item) => [item.type, item.data.invoiceId])).toEqual([
        ['InvoiceIssued', 'inv-1'],
        ['PaymentReceived', 'inv-1'],
      ]);
      expect(receivables[0]?.data).toMatchObject({
        amount: { amount: '1200.50', currency: 'CNY' },
        dueAt: '2026-02-15',
      });
      expect(receivables[1]?.data).toMatchObject({ occurredAt: '2026-02-20', daysLate: 5 });
      const again = await importFile('payments', PAYMENTS);
      expect(again.report).toMatchObject({ accepted: 0, duplicates: 1, rejected: 1 });
      expect(await historyOf('acc-1')).toHaveLength(4);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'stops before any row when the header lacks a required column',
    async () => {
      const headless = file('orders-missing.csv', ['accountId,orderId,amount', 'acc-1,o-9,5.00']);
      const run = await runCli(['import', 'orders', headless, '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/the header lacks currency, grossProfit, occurredAt/);
      expect((await historyOf('acc-1')).filter((item) => item.data.orderId === 'o-9')).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses an unknown kind as a usage error, and names a missing file',
    async () => {
      expect((await runCli(['import', 'invoices', ORDERS, '--data-dir', dataDir])).code).toBe(2);
      const missing = await runCli([
        'import',
        'orders',
        path.join(dataDir, 'nope.csv'),
        '--data-dir',
        dataDir,
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'prints a human summary with the rejected rows when --json is not given',
    async () => {
      const run = await runCli(['import', 'orders', ORDERS, '--data-dir', dataDir]);
      expect(run.stdout).toMatch(/0 recorded, 2 already there, 5 rejected/);
      expect(run.stdout).toMatch(/^4\s+amount\s+positive_decimal/m);
    },
    CLI_TIMEOUT_MS,
  );
});
