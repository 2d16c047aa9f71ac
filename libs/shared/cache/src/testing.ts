// Entry `@lumenforge/cache/testing`: the contract suite every TCache implementation must pass.
export { describeCacheContract, type TCacheContractFactory } from './cache.contract';
