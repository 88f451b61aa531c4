// Where the signed-in session lives: sessionStorage, so closing the tab signs out and nothing
// survives on a shared control-room computer.
import type { SessionInfo } from '../../../src/contracts/index.js';

/** The signed-in person: the bearer token and what the server says it belongs to. */
export interface SignedIn extends SessionInfo {
  token: string;
}

const KEY = 'cityguard.session';

/** The stored session, or undefined. */
export function loadSession(): SignedIn | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as SignedIn) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the session for this tab. */
export function saveSession(session: SignedIn): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** Forgets the session. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
