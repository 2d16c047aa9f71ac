// Entry `@lumenforge/db/testing`: throwaway databases and factories for integration and e2e tests.
export { createTestDatabase, type TTestDatabase } from './test-database';
export {
  makeUser,
  makeWorkspace,
  makeMembership,
  makeSession,
  makeApiToken,
  makeComponent,
  makeProject,
  makeBuild,
  makeDeployment,
} from './test-factories';
export { startPostgresServer, type TPostgresServer } from './postgres-server';
