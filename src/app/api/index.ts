// The HTTP API.
export { buildApi, type ApiOptions } from './server.js';
export { ApiTokens, roleAllows, type Principal } from './api-tokens.js';
export type { ApiDeps, LiveFeed } from './api-deps.js';
export { UserAccounts, LoginSessions, MIN_PASSWORD_LENGTH } from './user-accounts.js';
export { installDashboard, DEFAULT_DASHBOARD_DIR } from './static-dashboard.js';
export type { LoginAttemptRecord } from './routes/session-routes.js';
export { processRoutes, type ProcessDetectors } from './routes/process-routes.js';
export { deviceProvisioningRoutes, type DeviceProvisioning } from './routes/device-provisioning-routes.js';
