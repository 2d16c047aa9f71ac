import { pino, stdTimeFunctions, type DestinationStream, type LoggerOptions } from 'pino';
import pinoPretty from 'pino-pretty';
import { readLogSettings, type TLogLevel } from './env';
import type { TLogFields, TLogger, TLogMethod } from './observability.types';
import { maskSecrets, REDACT_PATHS, REDACTED, redactValue, serializeError } from './redact';

export type TCreateLoggerOptions = {
  /** The app or tool, e.g. `spark`: the `service` field of every line. */
  service: string;
  /** Default: `LOG_LEVEL`, else `info`. */
  level?: TLogLevel;
  /** Human-readable lines instead of JSON. Default: `LOG_FORMAT`, else pretty unless NODE_ENV=production. */
  isPretty?: boolean;
  /** Where JSON lines go (tests capture them); default stdout. Ignored when pretty. */
  destination?: DestinationStream;
};

/** The pino options every LumenForge logger uses: JSON shape, redaction, masking. */
export function loggerOptions(service: string, level: TLogLevel): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    errorKey: 'err',
    // `formatters.log` (below) has already turned Errors into `{ type, message, stack }`, masked.
    serializers: { err: (value: unknown) => (value instanceof Error ? serializeError(value) : value) },
    timestamp: stdTimeFunctions.isoTime,
    formatters: {
      // `"level":"info"` rather than pino's number: what Loki and Kibana filter on.
      level: (label) => ({ level: label }),
      // Secret-named fields at any depth and credentials inside strings (URLs, Bearer values).
      log: (object) => redactValue(object) as Record<string, unknown>,
      bindings: (bindings) => redactValue(bindings) as Record<string, unknown>,
    },
    // The common secret places, censored by pino itself after `formatters.log` (belt and braces).
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    hooks: {
      // The message string too: `connecting to postgresql://user:secret@…` is masked.
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskSecrets(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
}

/**
 * A structured logger: one JSON line per call, `{"level","time","service",…fields,"msg"}`, secrets
 * redacted (see `redactValue`). Pretty, synchronous output when `isPretty` (development). Use
 * `logger.child({ correlationId, userId })` per request.
 */
export function createLogger(options: TCreateLoggerOptions): TLogger {
  const settings =
    options.level !== undefined && options.isPretty !== undefined
      ? { level: options.level, isPretty: options.isPretty }
      : readLogSettings();
  const level = options.level ?? settings.level;
  const isPretty = options.destination ? false : (options.isPretty ?? settings.isPretty);
  const stream: DestinationStream = isPretty
    ? pinoPretty({
        // Synchronous: no worker thread, which Next's bundles and crash exits would lose lines with.
        sync: true,
        colorize: Boolean(process.stdout.isTTY),
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,service',
        messageFormat: '{service}: {msg}',
      })
    : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(loggerOptions(options.service, level), stream);
}

type TLogCallbacks = {
  info: (message: string) => void;
  error: (message: string) => void;
  warn?: (message: string) => void;
  debug?: (message: string) => void;
};

/**
 * A `TLogger` over plain callbacks, e.g. `{ info: () => undefined, error: () => undefined }` to
 * silence a runtime in tests. Each line is the message followed by its fields as JSON (redacted).
 */
export function loggerFromCallbacks(callbacks: TLogCallbacks, bindings: TLogFields = {}): TLogger {
  const method =
    (write: (message: string) => void): TLogMethod =>
    (fieldsOrMessage: TLogFields | string, message?: string) => {
      const fields = typeof fieldsOrMessage === 'string' ? {} : fieldsOrMessage;
      const text = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : (message ?? '');
      const all = redactValue({ ...bindings, ...fields }) as TLogFields;
      write(maskSecrets(Object.keys(all).length > 0 ? `${text} ${JSON.stringify(all)}` : text));
    };
  const debug = callbacks.debug ?? (() => undefined);
  return {
    fatal: method(callbacks.error),
    error: method(callbacks.error),
    warn: method(callbacks.warn ?? callbacks.error),
    info: method(callbacks.info),
    debug: method(debug),
    trace: method(debug),
    child: (more) => loggerFromCallbacks(callbacks, { ...bindings, ...more }),
  };
}

/** Whether `value` is a full `TLogger` rather than plain callbacks. */
export function isLogger(value: TLogCallbacks | TLogger): value is TLogger {
  return 'child' in value && typeof value.child === 'function';
}

type TLoggerGlobal = { __lumenforgeLogger?: TLogger };
// On globalThis, like the runtime: one logger per process across Next's separate bundles.
const loggerGlobal = globalThis as typeof globalThis & TLoggerGlobal;

/**
 * The process's logger, for code without a runtime at hand (the db pool, the event bus's default
 * error reporter). The app's runtime installs its own (`setProcessLogger`); until then it is a
 * logger for service `lumenforge` configured from `LOG_LEVEL` / `LOG_FORMAT`.
 */
export function processLogger(): TLogger {
  return (loggerGlobal.__lumenforgeLogger ??= createLogger({ service: 'lumenforge' }));
}

/** Makes `logger` the process's logger (`processLogger()`). */
export function setProcessLogger(logger: TLogger): void {
  loggerGlobal.__lumenforgeLogger = logger;
}
