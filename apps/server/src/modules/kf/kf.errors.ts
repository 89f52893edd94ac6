import { AppError } from '../../shared/errors';

/** Errors of customer-service messaging (spec §3.1–3.2, callback-protocol §8). */
export const KfErrors = {
  outOfWindow: () =>
    new AppError('kf.out_of_window', 'response out of time limit or subscription is canceled: the follower has no open window'),
  responseCountLimit: () => new AppError('kf.response_count_limit', 'out of response count limit for the open window'),
  invalidTypingCommand: (command: unknown) =>
    new AppError('kf.invalid_typing_command', `command must be Typing or CancelTyping`, {
      command: typeof command === 'string' ? command : undefined,
    }),
  typingNotAllowed: () =>
    new AppError('kf.typing_not_allowed', 'typing is allowed only within 30 seconds of the follower interacting'),
  alreadyTyping: () => new AppError('kf.already_typing', 'the typing indicator is already on'),
  invalidKfAccount: () => new AppError('kf.invalid_kf_account', 'customservice.kf_account must look like name@account'),
};
