import { describe, expect, it } from 'vitest';
import { buttonValue, matchRuleEntries, parseButtons } from './menu';

describe('parseButtons', () => {
  it('reads menu/get buttons and the {list} form of sub_button', () => {
    const [first, second] = parseButtons([
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
      { name: '菜单', sub_button: { list: [{ type: 'view', name: '搜索', url: 'https://www.soso.com/' }] } },
    ]);
    expect(first).toMatchObject({
      name: '今日歌曲',
      type: 'click',
      key: 'V1001_TODAY_MUSIC',
      sub_button: [],
    });
    expect(second?.sub_button.map(buttonValue)).toEqual(['https://www.soso.com/']);
  });

  it('keeps malformed buttons visible instead of failing the page', () => {
    expect(parseButtons([null, 42, { name: 5 }]).map((b) => b.name)).toEqual(['?', '?', '?']);
  });

  it('shows mini-program targets with appid and page', () => {
    const [button] = parseButtons([
      {
        type: 'miniprogram',
        name: 'wxa',
        url: 'http://mp.weixin.qq.com',
        appid: 'wx286b93c14bbf93aa',
        pagepath: 'pages/lunar/index',
      },
    ]);
    expect(button && buttonValue(button)).toBe('wx286b93c14bbf93aa · pages/lunar/index · http://mp.weixin.qq.com');
  });
});

describe('matchRuleEntries', () => {
  it('drops the empty fields WeChat returns for unused criteria', () => {
    expect(matchRuleEntries({ tag_id: '2', sex: '', country: '中国', client_platform_type: '' })).toEqual([
      ['tag_id', '2'],
      ['country', '中国'],
    ]);
  });
});
