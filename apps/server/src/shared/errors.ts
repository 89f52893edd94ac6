/**
 * The one error type domain code throws.
 *
 * `code` is stable and owned by the module that throws it (`tag.limit_reached`). Transports decide
 * what a code means on their wire: the open API maps it to a WeChat errcode
 * (`http/routes/open-api/errcodes.ts`), the console API to an HTTP status. Domain code never
 * picks errcodes or status codes itself.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** True when `error` is an {@link AppError}, optionally with the given code. */
export function isAppError(error: unknown, code?: string): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** Shared codes used by more than one module. */
export const CommonErrors = {
  notFound: (what: string) => new AppError('common.not_found', `${what} not found`),
  invalidArgument: (message: string, details?: Record<string, unknown>) =>
    new AppError('common.invalid_argument', message, details),
  forbidden: (message = 'forbidden') => new AppError('common.forbidden', message),
  conflict: (message: string) => new AppError('common.conflict', message),
};
