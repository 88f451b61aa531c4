// Starts bench/ledger/verify-worker.ts inside a worker thread: workers do not inherit tsx's loader,
// so this plain-JS entry registers it before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
