// Errors the API raises itself.
import { CityguardError } from '../../domain/index.js';

export const unauthenticated = () =>
  new CityguardError('CG_API_UNAUTHENTICATED', 'an API token is required: send "Authorization: Bearer <token>"');

export const forbidden = (needed: string, role: string) =>
  new CityguardError('CG_API_FORBIDDEN', `this needs the ${needed} role; your token has ${role}`, { needed, role });

export const notFound = (what: string, id: string) =>
  new CityguardError('CG_API_NOT_FOUND', `no ${what} with id "${id}"`, { what, id });
