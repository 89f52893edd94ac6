import { AppError } from '../../shared/errors';

/** Errors of console authentication. */
export const AuthErrors = {
  badCredentials: () => new AppError('auth.bad_credentials', 'wrong username or password'),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('auth.rate_limited', `too many failed logins, try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    }),
  unauthenticated: () => new AppError('auth.unauthenticated', 'not logged in'),
  csrf: () => new AppError('auth.csrf', 'missing or wrong x-csrf-token header'),
  forbidden: (permission: string) => new AppError('auth.forbidden', `your role may not do this (${permission})`),
  invalidUser: (message: string) => new AppError('auth.invalid_user', message),
  usernameTaken: (username: string) => new AppError('auth.username_taken', `username ${username} is taken`),
  apiKeyNotFound: () => new AppError('auth.api_key_not_found', 'API key not found'),
};
