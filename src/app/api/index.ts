// The HTTP API.
export { buildApi, type ApiOptions } from './server.js';
export { ApiTokens, roleAllows, type Principal } from './api-tokens.js';
export type { ApiDeps, LiveFeed } from './api-deps.js';
