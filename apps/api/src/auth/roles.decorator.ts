import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from '@kam/config';

export const REQUIRED_ROLE = 'kam:required-role';

/** What a route asks of the caller's key: a role (each role includes the ones below it) or nothing. */
export type Access = ApiRole | 'public';

export const RequireRole = (access: Access) => SetMetadata(REQUIRED_ROLE, access);

const RANK: Readonly<Record<ApiRole, number>> = { viewer: 1, manager: 2, admin: 3 };

export const roleSatisfies = (held: ApiRole, required: ApiRole): boolean => RANK[held] >= RANK[required];
