export { createPostgresEventBus, type TPostgresEventBusOptions } from './postgres-event-bus';
export {
  createNatsEventBus,
  durableName,
  DEFAULT_REDELIVERY_BACKOFF_MS,
  type TNatsEventBusOptions,
} from './nats-event-bus';
export { createOutboxRelay, type TOutboxRelay, type TRelayPublish } from './outbox-relay';
export type { TRelayRow } from './outbox-sql';
export {
  deliverEvent,
  deliverEvents,
  listParkedEvents,
  replayParkedEvent,
  type TDeliverEventsOptions,
  type TDeliveryOutcome,
  type TParkedEvent,
} from './event-delivery';
export {
  DEFAULT_RETENTION_WINDOW_MS,
  startEventLogPruner,
  type TEventLogPruner,
  type TEventLogRetention,
} from './event-log-pruner';
export {
  eventStreamResponse,
  formatServerSentEvent,
  topicsOf,
  type TEventStreamFrame,
  type TEventStreamOptions,
  type TEventStreamTopic,
} from './event-stream-response';
