// Entry `@lumenforge/rate-limit/testing`: the contract suite every TRateLimiter implementation must pass.
export { describeRateLimiterContract, type TRateLimiterContractFactory } from './rate-limiter.contract';
