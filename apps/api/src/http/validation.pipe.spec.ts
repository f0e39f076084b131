import { ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import { ApiValidationPipe } from './validation.pipe.js';
import { RequestValidationError } from './api-errors.js';
import { compileDtoCheck } from './dto-check.js';
import { RegisterAccountDto, UpdateProfileDto } from '../accounts/dto/registration.dto.js';
import { IssueInvoiceDto, RecordOrderDto } from '../accounts/dto/sales.dto.js';
import { AssignTeamMemberDto, RecordAssessmentDto } from '../accounts/dto/team.dto.js';

const order = { orderId: 'o-1', amount: '100.00', currency: 'CNY', grossProfit: '20.00' };

/** Bodies a caller might send: valid ones and ones breaking each kind of rule. */
const orderBodies: Record<string, unknown>[] = [
  order,
  { ...order, channel: 'direct', occurredAt: '2026-01-15T00:00:00Z', reason: 'why' },
  { ...order, channel: null, occurredAt: null, reason: null },
  { ...order, channel: 'by-pigeon' },
  { ...order, amount: '-1' },
  { ...order, amount: 100 },
  { ...order, grossProfit: 'lots' },
  { ...order, currency: 'XXY' },
  { ...order, orderId: '' },
  { ...order, orderId: 'o'.repeat(201) },
  { ...order, reason: 'r'.repeat(501) },
  { ...order, occurredAt: '2026-02-30' },
  { ...order, colour: 'red' },
  { ...order, orderId: undefined },
  { ...order, prototype: 'x' },
  { amount: '1' },
  {},
];

const reference = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => errors,
});

const outcome = async (pipe: ValidationPipe, body: unknown, metatype: Type): Promise<unknown> => {
  const metadata: ArgumentMetadata = { type: 'body', metatype, data: '' };
  try {
    const value = await pipe.transform(structuredClone(body), metadata);
    return { accepted: value, instance: value instanceof metatype };
  } catch (error) {
    return { refused: error instanceof RequestValidationError ? error.violations : error };
  }
};

describe('ApiValidationPipe on bodies', () => {
  it.each(orderBodies.map((body) => [JSON.stringify(body), body]))(
    'answers %s as class-validator does',
    async (_, body) => {
      const api = await outcome(new ApiValidationPipe(), body, RecordOrderDto);
      const plain = await outcome(reference, body, RecordOrderDto);
      if ('accepted' in (plain as object)) expect(api).toEqual(plain);
      else expect(api).toHaveProperty('refused');
    },
  );

  it('names the field and the rule a body breaks', async () => {
    expect(
      await outcome(new ApiValidationPipe(), { ...order, amount: '0', colour: 1 }, RecordOrderDto),
    ).toEqual({
      refused: [
        { field: 'colour', rule: 'unknown_field', message: 'is not a field of this request' },
        {
          field: 'amount',
          rule: 'positive_decimal',
          message: 'must be a decimal string above zero, such as "1200.50"',
        },
      ],
    });
  });

  it('keeps the instance Nest would give: the DTO class with the fields sent', async () => {
    const value = await new ApiValidationPipe().transform(
      { ...order },
      { type: 'body', metatype: RecordOrderDto },
    );
    expect(value).toBeInstanceOf(RecordOrderDto);
    expect({ ...(value as object) }).toEqual(order);
  });
});

describe('compileDtoCheck', () => {
  it('agrees with class-validator on every body of the list, for each DTO it covers', async () => {
    for (const metatype of [RecordOrderDto, IssueInvoiceDto, RegisterAccountDto, AssignTeamMemberDto]) {
      const check = compileDtoCheck(metatype);
      expect(check).not.toBeNull();
      for (const body of orderBodies) {
        const accepted = 'accepted' in ((await outcome(reference, body, metatype)) as object);
        const checked = check?.(Object.assign(new metatype(), body) as object);
        // Nest's pipe drops a `prototype` field before class-validator sees it; the check refuses it,
        // and the pipe then asks class-validator: stricter is safe, laxer never.
        const expected = 'prototype' in body ? false : accepted;
        expect([metatype.name, body, checked]).toEqual([metatype.name, body, expected]);
      }
    }
  });

  it('leaves DTOs with nested objects to class-validator', () => {
    expect(compileDtoCheck(UpdateProfileDto)).toBeNull();
    expect(compileDtoCheck(RecordAssessmentDto)).toBeNull();
    expect(compileDtoCheck(class Bare {})).toBeNull();
  });
});
