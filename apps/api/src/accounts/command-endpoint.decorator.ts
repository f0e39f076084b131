import { applyDecorators, HttpCode, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { RequireRole } from '../auth/roles.decorator.js';
import { IDEMPOTENT_ROUTE } from '../idempotency/idempotency.interceptor.js';
import { CommandReceiptDto } from './dto/command-receipt.dto.js';

const PROBLEM = { description: 'application/problem+json naming each field and rule' };

/**
 * What every account command endpoint shares: the manager role, its status, the consistency headers
 * and the problem answers, declared once so the OpenAPI document describes each the same way.
 */
export const CommandEndpoint = (
  summary: string,
  status: HttpStatus.CREATED | HttpStatus.OK = HttpStatus.CREATED,
) =>
  applyDecorators(
    RequireRole('manager'),
    // Idempotency-Key is honoured by AccountCommandSender through the handler's @Origin().
    SetMetadata(IDEMPOTENT_ROUTE, true),
    HttpCode(status),
    ApiOperation({ summary }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the revision last seen, e.g. "3"; 412 if the account moved on',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a retry with the same key returns the first answer',
    }),
    ApiHeader({ name: 'X-Reason', required: false, description: 'why; recorded in the event metadata' }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'echoed back; generated when absent',
    }),
    ApiResponse({
      status,
      type: CommandReceiptDto,
      description: 'recorded (or already recorded: a no-op answers the same way)',
    }),
    ApiResponse({ status: 400, ...PROBLEM }),
    ApiResponse({ status: 404, ...PROBLEM }),
    ApiResponse({ status: 409, ...PROBLEM }),
    ApiResponse({ status: 412, ...PROBLEM }),
    ApiResponse({ status: 422, ...PROBLEM }),
  );
