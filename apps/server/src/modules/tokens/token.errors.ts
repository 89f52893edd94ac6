import { AppError } from '../../shared/errors';

/** Errors of the tokens module (mapped to 40001 / 42001 / 40002 / 45009 / 45011 by the open API). */
export const TokenErrors = {
  grantTypeInvalid: () => new AppError('token.grant_type_invalid', 'invalid grant_type'),
  missing: () => new AppError('token.missing', 'access_token missing'),
  invalid: () => new AppError('token.invalid', 'invalid credential, access_token is invalid or not latest'),
  expired: () => new AppError('token.expired', 'access_token expired'),
  forceRefreshLimit: () => new AppError('token.force_refresh_limit', 'reach max api daily quota limit (force_refresh)'),
};
