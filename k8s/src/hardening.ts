import { expect } from 'vitest';

/**
 * The restricted security settings every LumenForge workload has (apps, IGNIS engine and builder):
 * non-root uid 10001, read-only root, no privilege escalation, no capabilities, RuntimeDefault
 * seccomp, no service-account token. For the tests (it asserts).
 */
export function expectRestricted(
  container: { securityContext: Record<string, unknown> },
  pod: Record<string, unknown>,
): void {
  expect(container.securityContext).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 10001,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod['securityContext']).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod['automountServiceAccountToken']).toBe(false);
}
