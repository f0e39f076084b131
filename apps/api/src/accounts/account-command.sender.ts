import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { deterministicUuid, ExecuteAccountCommand, type CommandContext } from '@kam/application';
import { DomainError, type AccountCommand, type AccountCommandType, type FieldViolation } from '@kam/domain';
import type { CommandOrigin } from '../http/command-origin.decorator.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { KamMetrics } from '../operations/metrics/kam-metrics.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';

type DataOf<T extends AccountCommandType> = Extract<AccountCommand, { type: T }>['data'];

/** A command's data as a controller builds it: `occurredAt` defaults to the server's now. */
export type CommandInput<T extends AccountCommandType> = Omit<DataOf<T>, 'occurredAt'> & {
  occurredAt?: string;
};

// Money travels flat on the wire ({amount, currency, grossProfit}); the domain names the nested fields.
const WIRE_FIELDS: Readonly<Record<string, string>> = {
  'amount.amount': 'amount',
  'amount.currency': 'currency',
  'grossProfit.amount': 'grossProfit',
  'grossProfit.currency': 'currency',
};

const toWire = (violation: FieldViolation): FieldViolation => ({
  ...violation,
  field: WIRE_FIELDS[violation.field] ?? violation.field,
});

/** Turns a validated HTTP request into an account command with its context, and reports what it wrote. */
@Injectable()
export class AccountCommandSender {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(KamMetrics) private readonly metrics: KamMetrics,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  /** Runs the command, once per Idempotency-Key when the request carries one. */
  send<T extends AccountCommandType>(
    origin: CommandOrigin,
    type: T,
    input: CommandInput<T>,
    reason: string | null = null,
  ): Promise<CommandReceiptDto> {
    return this.idempotency.run(origin.idempotency, () => this.execute(origin, type, input, reason));
  }

  private async execute<T extends AccountCommandType>(
    origin: CommandOrigin,
    type: T,
    input: CommandInput<T>,
    reason: string | null,
  ): Promise<CommandReceiptDto> {
    const now = new Date().toISOString();
    // TypeScript cannot tie a generic `type` to its data in the union; the signature already did.
    const command = {
      type,
      data: { ...input, occurredAt: input.occurredAt ?? now },
      metadata: { now },
    } as unknown as AccountCommand;
    const stopTimer = this.metrics.commandDuration.startTimer({ command: type });
    try {
      const outcome = await this.commandBus.execute(
        new ExecuteAccountCommand(command, this.contextOf(origin, reason)),
      );
      stopTimer({ outcome: 'ok' });
      for (const event of outcome.events) this.metrics.appendedEvents.inc({ type: event.type });
      return {
        accountId: outcome.accountId,
        revision: Number(outcome.revision),
        position: (outcome.position ?? -1n).toString(),
      };
    } catch (error) {
      stopTimer({ outcome: 'rejected' });
      if (error instanceof DomainError)
        throw new DomainError(error.code, error.message, error.violations.map(toWire));
      throw error;
    }
  }

  private contextOf(origin: CommandOrigin, reason: string | null): CommandContext {
    const { idempotencyKey, actor } = origin;
    return {
      actor,
      reason: reason ?? origin.reason,
      correlationId: origin.correlationId,
      causationId: origin.requestId,
      ifMatchRevision: origin.ifMatchRevision,
      // A retry with the same key after a crash between the append and the stored answer re-appends
      // the same event ids, which the store recognises, instead of recording the fact twice.
      eventIds:
        idempotencyKey === undefined
          ? undefined
          : (index: number) => deterministicUuid('http', actor, idempotencyKey, String(index)),
    };
  }
}
