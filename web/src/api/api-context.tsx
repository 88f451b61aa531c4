// Makes the signed-in client and the person's role available to every page.
import { createContext, useContext } from 'react';
import type { Role } from '../../../src/contracts/index.js';
import type { ApiClient } from './api-client.js';

/** The client and who is signed in. */
export interface ApiContextValue {
  client: ApiClient;
  user: string;
  role: Role;
  signOut(): void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

/** The signed-in API context; only used inside the signed-in part of the app. */
export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside a signed-in page');
  return value;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` grants at least `needed` (the server decides; this only hides buttons that would be refused). */
export function roleAtLeast(role: Role, needed: string): boolean {
  return needed in RANK ? RANK[role] >= RANK[needed as Role] : false;
}
