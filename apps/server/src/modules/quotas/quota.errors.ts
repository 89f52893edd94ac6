import { AppError } from '../../shared/errors';

/** Errors of the quotas module. */
export const QuotaErrors = {
  dailyExceeded: (api: string) => new AppError('quota.daily_exceeded', 'reach max api daily quota limit', { api }),
  clearLimit: () => new AppError('quota.clear_limit', 'forbid to clear quota because of reaching the limit'),
};
