// Login by user account and the session it opens: what the dashboard sends and receives.
import Type, { type Static } from 'typebox';
import { Roles } from './api.js';

/** POST /api/login: a user account's name and password. */
export const LoginRequest = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

/** A session token for the bearer header, with the account's role and when the session ends. */
export const LoginResponse = Type.Object({
  token: Type.String(),
  user: Type.String(),
  role: Type.Enum(Roles),
  expiresTs: Type.Number({ description: 'epoch ms after which the token is refused' }),
});
export type LoginResponse = Static<typeof LoginResponse>;

/** GET /api/session: who the presented token belongs to, and whether it is a login session or an API token. */
export const SessionInfo = Type.Object({
  user: Type.String(),
  role: Type.Enum(Roles),
  kind: Type.Enum(['session', 'api-token'] as const),
  expiresTs: Type.Optional(Type.Number()),
});
export type SessionInfo = Static<typeof SessionInfo>;
