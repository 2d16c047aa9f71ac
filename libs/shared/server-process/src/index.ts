export { findFreePort } from './free-port';
export { startServerProcess, type TServerProcess, type TServerProcessOptions } from './server-process';
