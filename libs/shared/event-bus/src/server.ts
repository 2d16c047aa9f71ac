export { createPostgresEventBus, type TPostgresEventBusOptions } from './postgres-event-bus';
export {
  createNatsEventBus,
  durableName,
  DEFAULT_REDELIVERY_BACKOFF_MS,
  type TNatsEventBusOptions,
} from './nats-event-bus';
export { relayOutboxBatch, type TRelayPublish } from './outbox-relay';
export {
  deliverEvent,
  listParkedEvents,
  replayParkedEvent,
  type TDeliveryOutcome,
  type TParkedEvent,
} from './event-delivery';
export {
  eventStreamResponse,
  formatServerSentEvent,
  topicsOf,
  type TEventStreamFrame,
  type TEventStreamOptions,
  type TEventStreamTopic,
} from './event-stream-response';
