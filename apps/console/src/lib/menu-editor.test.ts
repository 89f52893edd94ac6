import { describe, expect, it } from 'vitest';
import { parseButtons } from './menu';
import type { DraftButton } from './menu-editor';
import {
  addSub,
  addTop,
  buttonAt,
  fromMenuButtons,
  moveAt,
  newButton,
  problemsAt,
  removeAt,
  sameMenu,
  toMenuJson,
  updateAt,
  validateMenu,
} from './menu-editor';

const named = (name: string, patch: Partial<DraftButton> = {}): DraftButton => ({ ...newButton(name), ...patch });

describe('toMenuJson', () => {
  it('writes leaves with only the fields of their type, parents with name and sub_button only', () => {
    const buttons = [
      named('今日歌曲', { key: ' V1001 ', url: 'https://stale.example' }),
      named('菜单', {
        key: 'ignored-on-parent',
        subs: [
          named('搜索', { type: 'view', url: 'https://www.soso.com/', key: 'stale' }),
          named('wxa', {
            type: 'miniprogram',
            url: 'http://mp.weixin.qq.com',
            appid: 'wx286b93c14bbf93aa',
            pagepath: 'pages/lunar/index',
          }),
        ],
      }),
      named('图文', { type: 'media_id', media_id: 'MEDIA' }),
    ];
    expect(toMenuJson(buttons)).toEqual({
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001' },
        {
          name: '菜单',
          sub_button: [
            { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
            {
              type: 'miniprogram',
              name: 'wxa',
              url: 'http://mp.weixin.qq.com',
              appid: 'wx286b93c14bbf93aa',
              pagepath: 'pages/lunar/index',
            },
          ],
        },
        { type: 'media_id', name: '图文', media_id: 'MEDIA' },
      ],
    });
  });

  it('round-trips what menu/get returns', () => {
    const raw = [
      { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
      { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] }] },
    ];
    expect(toMenuJson(fromMenuButtons(parseButtons(raw)))).toEqual({
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
        { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'http://www.soso.com/' }] },
      ],
    });
  });
});

describe('validateMenu', () => {
  it('accepts a valid menu', () => {
    expect(validateMenu([named('a', { key: 'K' })])).toEqual([]);
  });

  it('needs at least one button', () => {
    expect(validateMenu([])).toEqual([{ at: null, field: 'menu', code: 'empty' }]);
  });

  it('counts name limits in UTF-8 bytes: 16 at the top, 60 below', () => {
    const problems = validateMenu([
      named('今日歌曲好听', { key: 'K' }),
      named('今日歌曲a', { subs: [named('子'.repeat(21), { key: 'K' }), named('子'.repeat(20), { key: 'K' })] }),
    ]);
    expect(problems).toEqual([
      { at: { top: 0, sub: null }, field: 'name', code: 'tooLong', bytes: 18, limit: 16 },
      { at: { top: 1, sub: 0 }, field: 'name', code: 'tooLong', bytes: 63, limit: 60 },
    ]);
  });

  it('requires the fields of each type and checks key and url limits', () => {
    const problems = validateMenu([
      named('', { key: '' }),
      named('p', {
        subs: [
          named('v', { type: 'view', url: 'ftp://x' }),
          named('k', { key: 'k'.repeat(129) }),
          named('m', { type: 'miniprogram', url: 'https://a.example/' + 'x'.repeat(1010) }),
        ],
      }),
    ]);
    expect(problems).toEqual([
      { at: { top: 0, sub: null }, field: 'name', code: 'required' },
      { at: { top: 0, sub: null }, field: 'key', code: 'required' },
      { at: { top: 1, sub: 0 }, field: 'url', code: 'invalidUrl' },
      { at: { top: 1, sub: 1 }, field: 'key', code: 'tooLong', bytes: 129, limit: 128 },
      { at: { top: 1, sub: 2 }, field: 'url', code: 'tooLong', bytes: 1028, limit: 1024 },
      { at: { top: 1, sub: 2 }, field: 'appid', code: 'required' },
      { at: { top: 1, sub: 2 }, field: 'pagepath', code: 'required' },
    ]);
    expect(problemsAt(problems, { top: 1, sub: 1 })).toHaveLength(1);
  });

  it('ignores a parent’s own type fields and limits the number of buttons', () => {
    const subs = Array.from({ length: 6 }, (_, i) => named(`s${i}`, { key: `k${i}` }));
    const four = Array.from({ length: 4 }, (_, i) => named(`t${i}`, { key: 'K' }));
    expect(validateMenu([named('p', { key: '', subs })])).toEqual([
      { at: { top: 0, sub: null }, field: 'menu', code: 'tooManySub', limit: 5 },
    ]);
    expect(validateMenu(four)).toEqual([{ at: null, field: 'menu', code: 'tooManyTop', limit: 3 }]);
  });
});

describe('edits', () => {
  it('adds up to 3 top-level and 5 sub buttons, selecting the new one', () => {
    let state = addTop([], 'A');
    expect(state.selected).toEqual({ top: 0, sub: null });
    state = addTop(addTop(state.buttons, 'B').buttons, 'C');
    expect(state.buttons.map((b) => b.name)).toEqual(['A', 'B', 'C']);
    expect(addTop(state.buttons, 'D')).toMatchObject({ selected: null, buttons: { length: 3 } });

    let buttons = state.buttons;
    for (let i = 0; i < 5; i++) {
      const added = addSub(buttons, 1, `s${i}`);
      expect(added.selected).toEqual({ top: 1, sub: i });
      buttons = added.buttons;
    }
    expect(addSub(buttons, 1, 'x').selected).toBeNull();
    expect(buttons[1]?.subs).toHaveLength(5);
    expect(state.buttons[1]?.subs).toHaveLength(0); // inputs are never mutated
  });

  it('updates, moves and removes the selected button', () => {
    let buttons = addSub(addSub([named('A'), named('B')], 1, 'x').buttons, 1, 'y').buttons;
    buttons = updateAt(buttons, { top: 1, sub: 0 }, { name: 'x2', type: 'view', url: 'https://a.example' });
    expect(buttonAt(buttons, { top: 1, sub: 0 })).toMatchObject({ name: 'x2', type: 'view' });

    const moved = moveAt(buttons, { top: 1, sub: 0 }, 1);
    expect(moved.buttons[1]?.subs.map((s) => s.name)).toEqual(['y', 'x2']);
    expect(moved.selected).toEqual({ top: 1, sub: 1 });
    expect(moveAt(moved.buttons, moved.selected, 1).selected).toEqual({ top: 1, sub: 1 });

    const movedTop = moveAt(buttons, { top: 1, sub: null }, -1);
    expect(movedTop.buttons.map((b) => b.name)).toEqual(['B', 'A']);
    expect(movedTop.selected).toEqual({ top: 0, sub: null });

    const removedSub = removeAt(moved.buttons, { top: 1, sub: 1 });
    expect(removedSub.buttons[1]?.subs.map((s) => s.name)).toEqual(['y']);
    expect(removedSub.selected).toEqual({ top: 1, sub: 0 });
    expect(removeAt(removedSub.buttons, { top: 1, sub: 0 }).selected).toEqual({ top: 1, sub: null });

    const removedTop = removeAt(buttons, { top: 1, sub: null });
    expect(removedTop.buttons.map((b) => b.name)).toEqual(['A']);
    expect(removedTop.selected).toEqual({ top: 0, sub: null });
    expect(removeAt([named('A')], { top: 0, sub: null }).selected).toBeNull();
  });

  it('tells unsaved changes from no-op edits', () => {
    const a = [named('A', { key: 'K' })];
    expect(sameMenu(a, updateAt(a, { top: 0, sub: null }, { url: 'ignored for click' }))).toBe(true);
    expect(sameMenu(a, updateAt(a, { top: 0, sub: null }, { key: 'K2' }))).toBe(false);
  });
});
