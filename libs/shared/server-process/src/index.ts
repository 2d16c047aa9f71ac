export { findFreePort } from './free-port';
export { startServerProcess, type TServerProcess, type TServerProcessOptions } from './server-process';
export { startFetchServer, type TFetchServer } from './fetch-server';
export { startThrowawayServer, type TThrowawayServer } from './throwaway-server';
