// Entry `@lumenforge/observability/server`: Prometheus metrics and structured logs. Server code only;
// no `import 'server-only'` because the db and event-bus libs use it from tests and tsx scripts too.

export {
  createLogger,
  isLogger,
  loggerFromCallbacks,
  loggerOptions,
  processLogger,
  setProcessLogger,
  type TCreateLoggerOptions,
} from './logger';
export { isSecretKey, maskSecrets, redactValue, REDACT_PATHS, REDACTED } from './redact';
export {
  configureMetrics,
  metricsText,
  processMetrics,
  recordEventConsumed,
  recordEventPublished,
  recordHttpRequest,
  registerCacheStats,
  registerConsumerLag,
  registerPoolStats,
  type TProcessMetrics,
} from './metrics';
export { isPrivateAddress, metricsAccess, metricsResponse } from './metrics-access';
export {
  clientAddress,
  installPeerAddressHeader,
  isPeerAddressHeaderInstalled,
  peerAddress,
  PEER_ADDRESS_HEADER,
} from './client-address';
export { installClientAbortGuard, isClientAbort } from './client-abort';
export {
  normalizeAddress,
  parseTrustedProxies,
  CLOUDFLARE_IP_RANGES,
  CLOUDFLARE_IP_RANGES_AS_OF,
  NO_TRUSTED_PROXIES,
  type TTrustedProxies,
} from './trusted-proxies';
