import { AppError } from '../../shared/errors';

/** Errors of the tags module (tag limits of spec/api-catalog.md §6.4). */
export const TagErrors = {
  tooManyTags: () => new AppError('tag.too_many', 'too many tags'),
  nameDuplicate: () => new AppError('tag.name_duplicate', 'tag name already exists'),
  nameInvalid: () => new AppError('tag.name_invalid', 'invalid tag name'),
  nameTooLong: () => new AppError('tag.name_too_long', 'tag name too long'),
  systemTag: () => new AppError('tag.system', 'can not modify sys tag'),
  tooManyFans: () => new AppError('tag.too_many_fans', 'too many fans in tag, can not delete'),
  invalidTagId: () => new AppError('tag.invalid_id', 'invalid tagid'),
  followerTagLimit: (openid: string) => new AppError('tag.follower_limit', 'user tag too much', { openid }),
};
