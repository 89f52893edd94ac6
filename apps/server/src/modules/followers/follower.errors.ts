import { AppError } from '../../shared/errors';

/** Errors of the followers module. */
export const FollowerErrors = {
  invalidOpenId: (openid?: unknown) =>
    new AppError('follower.invalid_openid', 'invalid openid', { openid: typeof openid === 'string' ? openid : undefined }),
  notOfAccount: (openid: string) => new AppError('follower.not_of_account', 'openid not belong to this appid', { openid }),
  listSize: (message = 'invalid openid list size') => new AppError('follower.list_size', message),
  remarkTooLong: () => new AppError('follower.remark_too_long', 'remark is limited to 30 characters'),
  personNotFound: (id: string) => new AppError('person.not_found', `person ${id} not found`),
  invalidPerson: (message: string) => new AppError('person.invalid', message),
  personUnauthenticated: () => new AppError('person.unauthenticated', 'follower session missing or expired'),
  notFollowing: () => new AppError('follower.not_following', 'the person does not follow this account'),
};
