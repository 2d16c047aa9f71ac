// Test servers for IGNITION's integration and end-to-end tests: a real smart-HTTP Git server and a
// GitHub REST API answering with recorded responses.
export {
  startGitHttpServer,
  type GitHttpRequestRecord,
  type GitHttpServer,
  type GitHttpServerOptions,
} from './git-http-server';
export {
  startFakeGitHubServer,
  type FakeGitHubOptions,
  type FakeGitHubRequest,
  type FakeGitHubServer,
  type FakeGitHubUser,
} from './fake-github-server';
export { freePort } from './free-port';
