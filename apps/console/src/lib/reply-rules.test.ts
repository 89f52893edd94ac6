import type { ReplyRuleView } from '@gzh/contracts';
import { describe, expect, it } from 'vitest';
import type { RuleDraft } from './reply-rules';
import { draftOf, emptyReply, newRuleDraft, toRuleInput, validateRuleDraft, withEnabled } from './reply-rules';

const stored = (patch: Partial<ReplyRuleView>): ReplyRuleView => ({
  id: 'r1',
  kind: 'keyword',
  name: 'rule',
  keywords: [{ text: 'hi', match: 'exact' }],
  replies: [{ type: 'text', content: 'hello' }],
  replyMode: 'all',
  enabled: true,
  position: 3,
  updatedAt: 0,
  ...patch,
});

const none = { rules: [], editingId: null };

describe('toRuleInput', () => {
  it('trims keywords and optional fields, keeps text replies as typed', () => {
    const draft: RuleDraft = {
      kind: 'keyword',
      name: ' 价格 ',
      keywords: [{ text: ' 价格 ', match: 'contains' }],
      replies: [
        { type: 'text', content: ' 您好 ' },
        { type: 'image', mediaId: ' M1 ', picUrl: '' },
        { type: 'video', mediaId: 'V', title: ' T ', description: '' },
        { type: 'news', articles: [{ title: 'A', description: '', picUrl: ' ', url: ' https://a.example/1 ' }] },
      ],
      replyMode: 'random',
      enabled: false,
    };
    expect(toRuleInput(draft)).toEqual({
      kind: 'keyword',
      name: '价格',
      keywords: [{ text: '价格', match: 'contains' }],
      replies: [
        { type: 'text', content: ' 您好 ' },
        { type: 'image', mediaId: 'M1' },
        { type: 'video', mediaId: 'V', title: 'T' },
        { type: 'news', articles: [{ title: 'A', description: '', picUrl: '', url: 'https://a.example/1' }] },
      ],
      replyMode: 'random',
      enabled: false,
    });
  });

  it('sends no keywords for follow and default rules, and the menu key as one exact keyword for click rules', () => {
    expect(toRuleInput({ ...newRuleDraft('follow'), keywords: [{ text: 'x', match: 'exact' }] }).keywords).toEqual([]);
    expect(toRuleInput({ ...newRuleDraft('click'), keywords: [{ text: ' V1001 ', match: 'contains' }] }).keywords).toEqual([
      { text: 'V1001', match: 'exact' },
    ]);
  });

  it('round-trips a stored rule and flips only `enabled`', () => {
    const rule = stored({ replies: [{ type: 'image', mediaId: 'M', picUrl: 'https://p.example/a.png' }] });
    expect(withEnabled(rule, false)).toEqual({
      kind: 'keyword',
      name: 'rule',
      keywords: [{ text: 'hi', match: 'exact' }],
      replies: [{ type: 'image', mediaId: 'M', picUrl: 'https://p.example/a.png' }],
      replyMode: 'all',
      enabled: false,
      position: 3,
    });
    expect(draftOf(stored({ replies: [{ type: 'video', mediaId: 'V' }] })).replies).toEqual([
      { type: 'video', mediaId: 'V', title: '', description: '' },
    ]);
  });
});

describe('validateRuleDraft', () => {
  it('accepts a complete new rule of each kind', () => {
    for (const kind of ['follow', 'keyword', 'default', 'click'] as const) {
      const draft = newRuleDraft(kind);
      draft.name = 'n';
      if (draft.keywords[0]) draft.keywords[0].text = 'k';
      draft.replies = [{ type: 'text', content: 'hello' }];
      expect(validateRuleDraft(draft, none)).toEqual([]);
    }
  });

  it('reports blank and over-long inputs with their paths', () => {
    const draft = newRuleDraft('keyword');
    draft.keywords = [
      { text: 'x'.repeat(31), match: 'exact' },
      { text: ' ', match: 'contains' },
    ];
    draft.name = 'n'.repeat(61);
    expect(validateRuleDraft(draft, none)).toEqual([
      { path: 'name', code: 'tooLong', max: 60 },
      { path: 'keywords.0', code: 'tooLong', max: 30 },
      { path: 'keywords.1', code: 'required' },
      { path: 'replies.0.content', code: 'required' },
    ]);
  });

  it('applies the count limits: 1–10 keywords, 1–5 replies, 1–8 articles', () => {
    const draft = newRuleDraft('keyword');
    draft.name = 'n';
    draft.keywords = Array.from({ length: 11 }, (_, i) => ({ text: `k${i}`, match: 'exact' as const }));
    draft.replies = Array.from({ length: 6 }, () => ({ type: 'text' as const, content: 'x' }));
    const problems = validateRuleDraft(draft, none);
    expect(problems).toContainEqual({ path: 'keywords', code: 'count', min: 1, max: 10 });
    expect(problems).toContainEqual({ path: 'replies', code: 'count', min: 1, max: 5 });

    draft.keywords = [];
    expect(validateRuleDraft(draft, none)).toContainEqual({ path: 'keywords', code: 'count', min: 1, max: 10 });

    const news = newRuleDraft('default');
    news.name = 'n';
    news.replies = [
      {
        type: 'news',
        articles: Array.from({ length: 9 }, () => ({ title: 't', description: '', picUrl: '', url: 'https://a.example' })),
      },
    ];
    expect(validateRuleDraft(news, none)).toEqual([{ path: 'replies.0.articles', code: 'count', min: 1, max: 8 }]);
  });

  it('checks media ids and URLs of media and news replies', () => {
    const draft = newRuleDraft('follow');
    draft.name = 'n';
    draft.replies = [
      { ...emptyReply('image'), type: 'image', mediaId: '', picUrl: 'not a url' },
      { type: 'news', articles: [{ title: '', description: '', picUrl: '', url: 'ftp://x' }] },
    ];
    expect(validateRuleDraft(draft, none)).toEqual([
      { path: 'replies.0.mediaId', code: 'required' },
      { path: 'replies.0.picUrl', code: 'url' },
      { path: 'replies.1.articles.0.title', code: 'required' },
      { path: 'replies.1.articles.0.url', code: 'url' },
    ]);
  });

  it('allows one follow and one default rule per account, and 200 rules in all', () => {
    const follow = stored({ id: 'f', kind: 'follow', keywords: [] });
    const draft = newRuleDraft('follow');
    draft.name = 'n';
    draft.replies = [{ type: 'text', content: 'x' }];
    expect(validateRuleDraft(draft, { rules: [follow], editingId: null })).toEqual([{ path: 'rule', code: 'duplicateKind' }]);
    expect(validateRuleDraft(draft, { rules: [follow], editingId: 'f' })).toEqual([]);

    const many = Array.from({ length: 200 }, (_, i) => stored({ id: `k${i}` }));
    const keyword = { ...draft, kind: 'keyword' as const, keywords: [{ text: 'a', match: 'exact' as const }] };
    expect(validateRuleDraft(keyword, { rules: many, editingId: null })).toEqual([
      { path: 'rule', code: 'tooManyRules', max: 200 },
    ]);
    expect(validateRuleDraft(keyword, { rules: many, editingId: 'k0' })).toEqual([]);
  });

  it('flags the same keyword twice', () => {
    const draft = newRuleDraft('keyword');
    draft.name = 'n';
    draft.replies = [{ type: 'text', content: 'x' }];
    draft.keywords = [
      { text: 'hi', match: 'exact' },
      { text: 'hi ', match: 'exact' },
      { text: 'hi', match: 'contains' },
    ];
    expect(validateRuleDraft(draft, none)).toEqual([{ path: 'keywords.1', code: 'duplicateKeyword' }]);
  });
});
