// Entry `@lumenforge/nats/server`: the connection, the event stream and the health ping. Server code only.
export {
  connectNats,
  ensureEventStream,
  pingNats,
  EVENT_STREAM,
  EVENT_STREAM_SUBJECTS,
  type NatsConnection,
  type TConnectNatsOptions,
  type TEventStreamOptions,
} from './client';
export { createStreamPublisher, type TStreamMessage, type TStreamPublisher } from './stream-publisher';
export { natsServers, readNatsEnv, type TNatsEnv } from './env';
