// Query-string schemas shared by the list routes.
import Type from 'typebox';

export const Cursor = Type.Optional(Type.String({ description: 'cursor from the previous page' }));
export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }));
export const TimeMs = (description: string) => Type.Optional(Type.Integer({ minimum: 0, description }));
export const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
