import { describeRateLimiterContract } from './rate-limiter.contract';
import { createMemoryRateLimiter } from './memory-rate-limiter';

describeRateLimiterContract('memory', { create: (options) => createMemoryRateLimiter(options) });
