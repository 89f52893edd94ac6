import { MenuErrors } from '../../../modules/menus/menu.errors';
import { isParent, type LeafButton, type MenuButton } from '../../../modules/menus/menu.validation';
import { defineOpenRoute, jsonBody, type OpenRoute } from './open-route';

/**
 * `get_current_selfmenu_info` form of the buttons (spec §2.7): leaves without `sub_button`,
 * parents with `sub_button: {list: […]}` — an object, not an array, unlike `menu/get`.
 */
export function presentSelfMenu(buttons: MenuButton[]): Record<string, unknown>[] {
  const leafInfo = (button: LeafButton): Record<string, unknown> => {
    const { sub_button: _none, ...info } = button;
    return info;
  };
  return buttons.map((b) => (isParent(b) ? { name: b.name, sub_button: { list: b.sub_button.map(leafInfo) } } : leafInfo(b)));
}

/** Custom menu endpoints (spec §2.1–2.7). */
export const menuRoutes: OpenRoute[] = [
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/menu/create',
    handler: async (ctx) => {
      await ctx.services.menus.create(ctx.accountId, jsonBody(ctx).button);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/menu/get',
    handler: async ({ services, accountId }) => {
      const view = await services.menus.view(accountId);
      if (!view.menu) throw MenuErrors.notFound();
      // WeChat omits `conditionalmenu` entirely when there are none.
      return view.conditionalmenu.length ? view : { menu: view.menu };
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    handler: async ({ services, accountId }) => {
      await services.menus.delete(accountId);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/menu/addconditional',
    handler: async (ctx) => {
      const body = jsonBody(ctx);
      return { menuid: await ctx.services.menus.addConditional(ctx.accountId, body.button, body.matchrule) };
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/menu/delconditional',
    handler: async (ctx) => {
      await ctx.services.menus.deleteConditional(ctx.accountId, jsonBody(ctx).menuid);
      return {};
    },
  }),
  defineOpenRoute({
    method: 'POST',
    path: '/cgi-bin/menu/trymatch',
    handler: async (ctx) => {
      const button = await ctx.services.menus.tryMatch(ctx.accountId, jsonBody(ctx).user_id);
      // wechatpy and co-wechat-api read `button`; WxJava's result bean reads `menu.button`.
      return { button, menu: { button } };
    },
  }),
  defineOpenRoute({
    method: 'GET',
    path: '/cgi-bin/get_current_selfmenu_info',
    handler: async ({ services, accountId }) => {
      const buttons = await services.menus.current(accountId);
      // An empty list rather than no `selfmenu_info`, so parsers that iterate it do not trip.
      return { is_menu_open: buttons ? 1 : 0, selfmenu_info: { button: presentSelfMenu(buttons ?? []) } };
    },
  }),
];
