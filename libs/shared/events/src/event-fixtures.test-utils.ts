import { type TEventActor } from './event-envelope.schema';

export const WORKSPACE_ID = '359af730-beec-4d56-a54d-981dff88551c';
export const USER_ACTOR: TEventActor = {
  type: 'user',
  id: 'e7336e82-773b-4b50-9863-705b711c4349',
  name: 'Ada Designer',
};

/** A complete envelope around `data`, valid apart from whatever the test overrides. */
export function envelopeFor(subject: string, data: unknown, overrides: Record<string, unknown> = {}) {
  return {
    id: '0e2f6c4a-8b1d-4f3e-9a5c-7d6b8e9f0a1b',
    subject,
    occurredAt: '2026-03-14T09:30:00.000Z',
    actor: USER_ACTOR,
    correlationId: 'req-7f3a9c',
    workspaceId: WORKSPACE_ID,
    data,
    ...overrides,
  };
}
