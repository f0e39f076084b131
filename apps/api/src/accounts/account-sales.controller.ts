import { Body, Controller, HttpStatus, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Origin, type CommandOrigin } from '../http/command-origin.decorator.js';
import { AccountCommandSender } from './account-command.sender.js';
import { CommandEndpoint } from './command-endpoint.decorator.js';
import type { CommandReceiptDto } from './dto/command-receipt.dto.js';
import { AgreePaymentTermsDto, IssueInvoiceDto, ReceivePaymentDto, RecordOrderDto } from './dto/sales.dto.js';

/** Orders, receivables and payment terms: the facts that volume, profit and risk are computed from. */
@ApiTags('accounts: sales')
@Controller('accounts/:id')
export class AccountSalesController {
  constructor(@Inject(AccountCommandSender) private readonly sender: AccountCommandSender) {}

  @Post('orders')
  @CommandEndpoint('Record an order; the same orderId again records nothing')
  recordOrder(
    @Param('id') accountId: string,
    @Body() body: RecordOrderDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { orderId, amount, currency, grossProfit, channel, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'RecordOrder',
      {
        accountId,
        orderId,
        amount: { amount, currency },
        grossProfit: { amount: grossProfit, currency },
        channel,
        occurredAt,
      },
      reason,
    );
  }

  @Post('invoices')
  @CommandEndpoint('Issue an invoice (a receivable with its due date)')
  issueInvoice(
    @Param('id') accountId: string,
    @Body() body: IssueInvoiceDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { invoiceId, amount, currency, dueAt, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'IssueInvoice',
      { accountId, invoiceId, amount: { amount, currency }, dueAt, occurredAt },
      reason,
    );
  }

  @Post('payments')
  @CommandEndpoint('Record a payment of an invoice; occurredAt is when it arrived')
  receivePayment(
    @Param('id') accountId: string,
    @Body() body: ReceivePaymentDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { invoiceId, amount, currency, occurredAt, reason } = body;
    return this.sender.send(
      origin,
      'ReceivePayment',
      { accountId, invoiceId, amount: { amount, currency }, occurredAt },
      reason,
    );
  }

  @Put('payment-terms')
  @CommandEndpoint('Agree payment terms; the risk grade follows from the mode', HttpStatus.OK)
  agreePaymentTerms(
    @Param('id') accountId: string,
    @Body() body: AgreePaymentTermsDto,
    @Origin() origin: CommandOrigin,
  ): Promise<CommandReceiptDto> {
    const { mode, creditDays, occurredAt, reason } = body;
    return this.sender.send(origin, 'AgreePaymentTerms', { accountId, mode, creditDays, occurredAt }, reason);
  }
}
