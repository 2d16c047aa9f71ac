// Compile-time guard: the zod enums in the DTO schemas (importable anywhere) must list exactly the
// values of the PostgreSQL enums in prisma/schema.prisma. A schema change breaks `nx typecheck db`.
import type { AuditResult, MembershipRole, UserStatus } from './generated/prisma/enums';
import type { TAuditResult } from './audit-log.schema';
import type { TMembershipRole } from './membership.schema';
import type { TUserStatus } from './user.schema';

type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ENUMS_MATCH_SCHEMA: [
  TSame<MembershipRole, TMembershipRole>,
  TSame<UserStatus, TUserStatus>,
  TSame<AuditResult, TAuditResult>,
] = [true, true, true];
