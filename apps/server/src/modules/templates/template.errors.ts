import { AppError } from '../../shared/errors';

/**
 * Errors of template notices (spec/api-catalog.md §3.3). The open API maps each to the errcode
 * WeChat gives (`errcodes.ts`); the console and follower APIs answer them as 400s.
 */
export const TemplateErrors = {
  /** `industry_id1`/`industry_id2` missing (WeChat's 40103 "invalid industry index"). */
  industryMissing: () => new AppError('template.industry_missing', 'industry_id1 and industry_id2 are required'),
  /** An industry code outside 1–41 or not a number (WeChat's 40102 "invalid industry id"). */
  industryInvalid: (value: unknown) =>
    new AppError(
      'template.industry_invalid',
      `invalid industry id ${typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 16) : typeof value}`,
    ),
  /** The industries were already changed this month (43100). */
  industryTooFrequent: () => new AppError('template.industry_too_frequent', 'industries can be changed once a month'),
  /** Unknown library id, or a template id that is not among the account's private templates (40037). */
  invalidTemplateId: (id: unknown) =>
    new AppError('template.invalid_template_id', `invalid template_id ${typeof id === 'string' ? id.slice(0, 64) : ''}`.trim()),
  /** `keyword_name_list` empty, with a name the category template lacks, a repeat, or too many (40246). */
  keywordInvalid: (message: string) => new AppError('template.keyword_invalid', message),
  /** The account already holds the maximum of private templates (45026). */
  tooManyTemplates: (limit: number) => new AppError('template.too_many', `at most ${limit} private templates`, { limit }),
  /** The recipient follows no more (43004). */
  notSubscribed: () => new AppError('template.require_subscribe', 'the follower has unsubscribed'),
  /** The recipient refused this account's notices (43101). */
  userRefused: () => new AppError('template.user_refused', 'the follower refused notices from this account'),
  /** `data`, `url`, `miniprogram` or `client_msg_id` does not fit (47003). */
  argumentInvalid: (message: string) => new AppError('template.argument_invalid', message),
};
