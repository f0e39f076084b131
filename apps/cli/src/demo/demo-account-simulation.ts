import type { AccountCommand, LifecycleStage } from '@kam/domain';
import { addDays, money } from './demo-calendar.js';
import type { DemoAccount } from './demo-account.js';
import type { SeededRandom } from './random.js';

/** What the team intends; resolved against the account's recorded state when it runs. */
export type DemoStep =
  | Readonly<{ kind: 'command'; command: AccountCommand; actor: string; reason?: string }>
  | Readonly<{ kind: 'stage'; to: LifecycleStage; occurredAt: string; actor: string; reason: string }>
  | Readonly<{ kind: 'win-back'; occurredAt: string; actor: string; reason: string }>;

type PendingPayment = Readonly<{ invoiceId: string; amount: string; paidAt: Date }>;

/**
 * One account's life, month by month: orders shaped by its trajectory, invoices and payments by its
 * payment terms and habits, the team's visits, plans, assessments and stage calls.
 */
export class DemoAccountSimulation {
  private pending: PendingPayment[] = [];
  private orderCount = 0;
  private activityCount = 0;
  private openActivities: { activityId: string; dueAt: Date }[] = [];
  private owner: string;

  constructor(
    readonly account: DemoAccount,
    private readonly random: SeededRandom,
  ) {
    this.owner = account.team.owner;
  }

  /** The steps of month `m` (0-based from the span's start), in the order they happened. */
  month(m: number, monthStart: Date, monthEnd: Date, now: string): DemoStep[] {
    const t = this.account.trajectory;
    if (m < t.registeredAt) return [];
    const steps: DemoStep[] = [];
    const day = (d: number): Date => addDays(monthStart, Math.min(d, 27));
    if (m === t.registeredAt) steps.push(...this.registration(day(0), now));
    steps.push(...this.stageCalls(m, day(0), now));
    steps.push(...this.orders(m, monthStart, now));
    steps.push(...this.payments(monthEnd, now));
    steps.push(...this.teamWork(m, monthStart, now));
    return steps.sort((a, b) => occurredAt(a).localeCompare(occurredAt(b)));
  }

  private command(command: AccountCommand, actor = this.owner, reason?: string): DemoStep {
    return { kind: 'command', command, actor, reason };
  }

  private on(date: Date): { accountId: string; occurredAt: string } {
    return { accountId: this.account.accountId, occurredAt: date.toISOString() };
  }

  private registration(date: Date, now: string): DemoStep[] {
    const a = this.account;
    const base = this.on(date);
    const md = { now };
    return [
      this.command(
        {
          type: 'RegisterAccount',
          data: { ...base, name: a.name, industry: a.industry, region: a.region, source: a.source },
          metadata: md,
        },
        'import',
        'first contact',
      ),
      this.command({ type: 'UpdateProfile', data: { ...base, profile: a.profile }, metadata: md }),
      this.command({
        type: 'AgreePaymentTerms',
        data: { ...base, mode: a.paymentMode, creditDays: a.creditDays },
        metadata: md,
      }),
      this.command({
        type: 'AssignTeamMember',
        data: { ...base, role: 'owner', member: a.team.owner },
        metadata: md,
      }),
      this.command({
        type: 'AssignTeamMember',
        data: { ...base, role: 'regional_sales', member: a.team.regional },
        metadata: md,
      }),
      ...(a.team.solution
        ? [
            this.command({
              type: 'AssignTeamMember',
              data: { ...base, role: 'solution_sales', member: a.team.solution },
              metadata: md,
            }),
          ]
        : []),
      this.command({
        type: 'RecordAssessment',
        data: { ...base, scores: a.assessment, assessor: a.team.owner, note: 'initial assessment' },
        metadata: md,
      }),
    ];
  }

  private stageCalls(m: number, date: Date, _now: string): DemoStep[] {
    const t = this.account.trajectory;
    const occurredAt = date.toISOString();
    const calls: [number | null, LifecycleStage, string][] = [
      [t.growthAt, 'growth', 'orders are ramping up after the first deliveries'],
      [t.maturityAt, 'maturity', 'volume is high and steady'],
      [t.declineAt, 'decline', 'orders have been falling for two quarters'],
      [t.churnAt === null ? null : t.churnAt + 12, 'churn', 'no orders for twelve months'],
    ];
    const steps: DemoStep[] = calls
      .filter(([at]) => at === m && this.random.chance(this.account.diligence))
      .map(([, to, reason]) => ({ kind: 'stage', to, occurredAt, actor: this.owner, reason }));
    if (t.winBackAt === m)
      steps.push({
        kind: 'win-back',
        occurredAt,
        actor: this.owner,
        reason: 'ordering again after a long pause',
      });
    return steps;
  }

  private revenueFactor(m: number): number {
    const t = this.account.trajectory;
    if (t.winBackAt !== null && m >= t.winBackAt) return Math.min(1, 0.3 + (0.7 * (m - t.winBackAt)) / 6);
    if (t.churnAt !== null && m >= t.churnAt) return 0;
    if (t.declineAt !== null && m >= t.declineAt) return 0.8 ** ((m - t.declineAt) / 3 + 1);
    if (m >= t.maturityAt) return 1;
    if (m >= t.growthAt) return 0.3 + (0.7 * (m - t.growthAt)) / Math.max(1, t.maturityAt - t.growthAt);
    return this.random.chance(0.5) ? 0.15 : 0;
  }

  private orders(m: number, monthStart: Date, now: string): DemoStep[] {
    const factor = this.revenueFactor(m);
    if (factor <= 0) return [];
    const a = this.account;
    const revenue = a.size * factor * Math.exp(this.random.normal(0, 0.25));
    const count = Math.max(1, Math.min(4, this.random.poisson(0.6 + Math.min(1.6, a.size / 150_000))));
    const steps: DemoStep[] = [];
    for (let i = 0; i < count; i += 1) {
      const date = addDays(monthStart, this.random.int(0, 27));
      const amount = Math.max(100, (revenue / count) * (0.6 + this.random.next() * 0.8));
      const atLoss = this.random.chance(0.02);
      const grossProfit = atLoss ? -amount * 0.05 : amount * a.margin * (0.8 + this.random.next() * 0.4);
      const channel = this.random.chance(a.poorQualityShare)
        ? this.random.pick(['sub_distribution', 'cross_region_dumping'] as const)
        : a.channel;
      this.orderCount += 1;
      const orderId = `SO-${a.index + 1}-${this.orderCount}`;
      const invoiceId = `INV-${a.index + 1}-${this.orderCount}`;
      const amountMoney = { amount: money(amount), currency: 'CNY' };
      const base = this.on(date);
      steps.push(
        this.command({
          type: 'RecordOrder',
          data: {
            ...base,
            orderId,
            amount: amountMoney,
            grossProfit: { amount: money(grossProfit), currency: 'CNY' },
            channel,
          },
          metadata: { now },
        }),
      );
      const dueAt = addDays(date, a.creditDays);
      steps.push(
        this.command({
          type: 'IssueInvoice',
          data: { ...base, invoiceId, amount: amountMoney, dueAt: dueAt.toISOString() },
          metadata: { now },
        }),
      );
      this.schedulePayment(invoiceId, amountMoney.amount, date, dueAt, m);
    }
    return steps;
  }

  private schedulePayment(invoiceId: string, amount: string, orderedAt: Date, dueAt: Date, m: number): void {
    const t = this.account.trajectory;
    const churning = t.churnAt !== null && m >= t.churnAt - 2 && (t.winBackAt === null || m < t.winBackAt);
    if (churning && this.random.chance(0.5)) return; // left unpaid: bad debt on the way out
    const late = this.random.chance(this.account.lateProbability);
    const onTime = addDays(dueAt, -this.random.int(0, 3));
    const paidAt = late
      ? addDays(dueAt, this.random.int(1, this.account.maxDaysLate))
      : onTime < orderedAt
        ? orderedAt
        : onTime;
    this.pending.push({ invoiceId, amount, paidAt });
  }

  private payments(monthEnd: Date, now: string): DemoStep[] {
    const due = this.pending.filter((p) => p.paidAt <= monthEnd);
    this.pending = this.pending.filter((p) => p.paidAt > monthEnd);
    return due.map((p) =>
      this.command(
        {
          type: 'ReceivePayment',
          data: {
            ...this.on(p.paidAt),
            invoiceId: p.invoiceId,
            amount: { amount: p.amount, currency: 'CNY' },
          },
          metadata: { now },
        },
        'finance',
      ),
    );
  }

  private teamWork(m: number, monthStart: Date, now: string): DemoStep[] {
    const a = this.account;
    const active = this.revenueFactor(m) > 0;
    const steps: DemoStep[] = [];
    const md = { now };
    for (let v = this.random.poisson(active ? 0.25 + Math.min(1.2, a.size / 250_000) : 0.05); v > 0; v -= 1) {
      const date = addDays(monthStart, this.random.int(0, 27));
      const kind = this.random.weighted([
        ['visit', 45],
        ['meeting', 25],
        ['call', 15],
        ['onsite_guidance', 10],
        ['training', 5],
      ] as const);
      steps.push(
        this.command({
          type: 'LogInteraction',
          data: {
            ...this.on(date),
            interactionId: `INT-${a.index + 1}-${m}-${v}`,
            kind,
            scenario: this.random.pick(['pre_sales', 'bidding', 'delivery', 'after_sales'] as const),
            summary: `${kind} with the customer's purchasing team`,
            participants: [this.owner],
          },
          metadata: md,
        }),
      );
    }
    const monthsIn = m - a.trajectory.registeredAt;
    if (monthsIn > 0 && monthsIn % 12 === 0) {
      const scores = Object.fromEntries(
        Object.entries(a.assessment).map(([k, v]) => [
          k,
          Math.max(0, Math.min(100, Math.round(v + this.random.normal(0, 8)))),
        ]),
      );
      steps.push(
        this.command({
          type: 'RecordAssessment',
          data: {
            ...this.on(addDays(monthStart, 5)),
            scores: scores as typeof a.assessment,
            assessor: this.owner,
            note: 'annual review',
          },
          metadata: md,
        }),
      );
    }
    steps.push(...this.activities(m, monthStart, now));
    if (monthsIn === 18 && this.random.chance(0.15))
      steps.push(...this.ownerChange(addDays(monthStart, 10), now));
    return steps;
  }

  private activities(m: number, monthStart: Date, now: string): DemoStep[] {
    const a = this.account;
    const steps: DemoStep[] = [];
    for (const open of this.openActivities.filter((x) => x.dueAt < addDays(monthStart, 28))) {
      steps.push(
        this.command({
          type: 'CompleteKeyActivity',
          data: {
            ...this.on(open.dueAt),
            activityId: open.activityId,
            outcome: this.random.pick(['done, customer engaged', 'done, follow-up needed', 'partly done']),
          },
          metadata: { now },
        }),
      );
    }
    this.openActivities = this.openActivities.filter((x) => x.dueAt >= addDays(monthStart, 28));
    if (a.size > 120_000 && m % 3 === 0 && this.revenueFactor(m) > 0) {
      this.activityCount += 1;
      const activityId = `ACT-${a.index + 1}-${this.activityCount}`;
      const dueAt = addDays(monthStart, 45);
      this.openActivities.push({ activityId, dueAt });
      const strategy = this.random.pick(['penetration', 'alliance', 'resource_allocation'] as const);
      steps.push(
        this.command({
          type: 'PlanKeyActivity',
          data: {
            ...this.on(addDays(monthStart, 2)),
            activityId,
            title: `${strategy.replace('_', ' ')} plan for the quarter`,
            strategy,
            dueAt: dueAt.toISOString(),
            assignee: this.owner,
          },
          metadata: { now },
        }),
      );
    }
    return steps;
  }

  private ownerChange(date: Date, now: string): DemoStep[] {
    const previous = this.owner;
    this.owner = previous === 'zhou.xin' ? 'sun.hao' : 'zhou.xin';
    const base = this.on(date);
    return [
      this.command(
        { type: 'UnassignTeamMember', data: { ...base, role: 'owner', member: previous }, metadata: { now } },
        'sales.director',
        'territory realignment',
      ),
      this.command(
        { type: 'AssignTeamMember', data: { ...base, role: 'owner', member: this.owner }, metadata: { now } },
        'sales.director',
        'territory realignment',
      ),
    ];
  }
}

const occurredAt = (step: DemoStep): string =>
  step.kind === 'command' ? step.command.data.occurredAt : step.occurredAt;
