export {
  DEFAULT_RETRY_POLICY,
  type TConsumerLag,
  type TEventBus,
  type TEventHandler,
  type TPublishOptions,
  type TRetryPolicy,
  type TSubscribeOptions,
  type TSubscription,
  type TTailedEvent,
  type TTailOptions,
} from './event-bus.types';
