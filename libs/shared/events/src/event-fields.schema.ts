import { z } from 'zod';

/** Shared building blocks of event payloads. */

export const DEPLOY_ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export const ZDeployEnvironmentSchema = z.enum(DEPLOY_ENVIRONMENTS);
export type TDeployEnvironment = z.infer<typeof ZDeployEnvironmentSchema>;

export const USER_ROLES = ['designer', 'engineer', 'admin', 'agent'] as const;
export const ZUserRoleSchema = z.enum(USER_ROLES);
export type TUserRole = z.infer<typeof ZUserRoleSchema>;

/** Mirrors THealthStatus / TCheckResult of @lumenforge/health (another layer, so not imported). */
export const HEALTH_STATUSES = ['ok', 'degraded', 'down'] as const;
export const ZHealthStatusSchema = z.enum(HEALTH_STATUSES);
export const ZHealthCheckResultSchema = z.object({
  status: ZHealthStatusSchema,
  latencyMs: z.number().nonnegative(),
  critical: z.boolean(),
  error: z.string().optional(),
});
export type THealthCheckResult = z.infer<typeof ZHealthCheckResultSchema>;

export const ZNonNegativeIntSchema = z.int().nonnegative();
export const ZDurationMsSchema = z.int().nonnegative();
/** A container image reference, e.g. `registry.lumenforge.io/slate:1.4.2` or one pinned by digest. */
export const ZImageRefSchema = z.string().min(1).max(512);
/** A release version label such as `1.4.2` or `2026.03.1-rc.1`. */
export const ZVersionLabelSchema = z.string().min(1).max(128);
export const ZServiceNameSchema = z.string().min(1).max(100);

/** Build target: a project build, a component build, or both. */
export const BUILD_TARGET_FIELDS = {
  buildId: z.uuid(),
  projectId: z.uuid().optional(),
  componentId: z.uuid().optional(),
};

/** Fields every deploy.* event carries. */
export const DEPLOYMENT_FIELDS = {
  deploymentId: z.uuid(),
  projectId: z.uuid(),
  environment: ZDeployEnvironmentSchema,
  imageRef: ZImageRefSchema,
  version: ZVersionLabelSchema,
};

/** Fields every component.* event carries; `version` is the component version number. */
export const COMPONENT_FIELDS = {
  componentId: z.uuid(),
  name: z.string().min(1).max(200),
  version: z.int().positive(),
};

/** The deployment every deploy.* sample describes, so the samples tell one consistent story. */
export const SAMPLE_DEPLOYMENT = {
  deploymentId: '0b5020e9-eced-437d-94e6-20900eb082c4',
  projectId: '9681f5a7-987b-4f2f-874e-cf01c021fc58',
  environment: 'staging',
  imageRef: 'registry.lumenforge.io/acme-web:1.4.2',
  version: '1.4.2',
} as const;
