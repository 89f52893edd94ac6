import { AppError } from '../../shared/errors';

/** Errors of the messages module. */
export const MessageErrors = {
  invalid: (message: string) => new AppError('message.invalid', message),
};
