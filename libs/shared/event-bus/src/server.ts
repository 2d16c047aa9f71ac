export { createPostgresEventBus, type TPostgresEventBusOptions } from './postgres-event-bus';
export {
  deliverEvent,
  listParkedEvents,
  replayParkedEvent,
  type TDeliveryOutcome,
  type TParkedEvent,
} from './event-delivery';
