// Types shared by the API server and its clients (the dashboard, integrations).
export * from './api.js';
export * from './session.js';
export * from './dashboard.js';
export * from './processes.js';
