// Entry `@lumenforge/auth/testing`: the contract suite every TSessionStore implementation must pass.
export { describeSessionStoreContract, type TSessionStoreContractFactory } from './session-store.contract';
