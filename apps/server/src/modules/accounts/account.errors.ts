import { AppError } from '../../shared/errors';

/** Errors of the accounts module; the open API maps them to WeChat errcodes. */
export const AccountErrors = {
  appidMissing: () => new AppError('account.appid_missing', 'appid missing'),
  appidInvalid: () => new AppError('account.appid_invalid', 'invalid appid'),
  secretMissing: () => new AppError('account.secret_missing', 'appsecret missing'),
  secretInvalid: () => new AppError('account.secret_invalid', 'invalid appsecret'),
  ipNotWhitelisted: (ip: string) => new AppError('account.ip_not_whitelisted', `invalid ip ${ip}, not in whitelist`, { ip }),
  notFound: (appid: string) => new AppError('account.not_found', `account ${appid} not found`),
  invalidField: (message: string) => new AppError('account.invalid_field', message),
  unauthorized: (message = 'api unauthorized') => new AppError('account.api_unauthorized', message),
};
