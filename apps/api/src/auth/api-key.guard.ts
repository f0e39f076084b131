import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { KAM_CONFIG } from '@kam/application';
import type { KamConfig } from '@kam/config';
import { AuthenticationRequiredError, RoleForbiddenError } from '../http/api-errors.js';
import { headerOf, type ApiRequest, type Caller } from '../http/api-request.js';
import { verifyBearer } from './api-key.verifier.js';
import { REQUIRED_ROLE, roleSatisfies, type Access } from './roles.decorator.js';

/** With no keys configured the server listens on loopback only, so whoever reaches it is local. */
const LOCAL_CALLER: Caller = { actor: 'local', role: 'admin' };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(KAM_CONFIG) private readonly config: KamConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // A route that forgot to declare its access needs the highest role rather than none.
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(REQUIRED_ROLE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'admin';
    const request = context.switchToHttp().getRequest<ApiRequest>();
    if (this.config.apiKeys.length === 0) {
      request.caller = LOCAL_CALLER;
      return true;
    }
    if (access === 'public') return true;
    const caller = verifyBearer(this.config.apiKeys, headerOf(request, 'authorization'));
    if (caller === null) {
      throw new AuthenticationRequiredError('A valid API key is required: send Authorization: Bearer <key>');
    }
    request.caller = caller;
    if (!roleSatisfies(caller.role, access)) throw new RoleForbiddenError(caller.actor, access);
    return true;
  }
}
