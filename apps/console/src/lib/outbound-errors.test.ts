import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { translate } from '../i18n';
import { explainOutboundError } from './outbound-errors';

const refusal = (code: string, message: string, status = 400) => new ApiRequestError(message, status, code);

describe('explainOutboundError', () => {
  it('puts the rule in the operator’s language in front of WeChat’s reason', () => {
    const out = explainOutboundError(refusal('kf.out_of_window', 'response out of time limit or subscription is canceled', 409));
    expect(out).toEqual({
      key: 'outbound.error.outOfWindow',
      reason: 'response out of time limit or subscription is canceled',
      code: 'kf.out_of_window',
    });
    expect(translate('zh-CN', out.key!)).toMatch(/48 小时/);
    expect(translate('en', out.key!)).toMatch(/48 hours/);
    expect(explainOutboundError(refusal('kf.response_count_limit', 'out of response count limit', 429)).key).toBe(
      'outbound.error.responseCountLimit',
    );
    expect(explainOutboundError(refusal('broadcast.no_quota', 'has no masssend quota', 429)).key).toBe('outbound.error.noQuota');
    expect(explainOutboundError(refusal('account.api_unauthorized', 'api unauthorized')).key).toBe('outbound.error.unverified');
  });

  it('keeps the server’s message alone for refusals it has no explanation for, and for network errors', () => {
    expect(explainOutboundError(refusal('common.invalid_request', 'body/content: too big'))).toEqual({
      key: null,
      reason: 'body/content: too big',
      code: 'common.invalid_request',
    });
    expect(explainOutboundError(new TypeError('Failed to fetch'))).toEqual({ key: null, reason: 'Failed to fetch', code: null });
  });
});
