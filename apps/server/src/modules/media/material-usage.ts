import type { MenuService } from '../menus/menu.service';
import type { MenuButton } from '../menus/menu.validation';
import type { ReplyService } from '../replies/reply.service';

/**
 * Tells whether deleting a material would break something an operator configured: WeChat refuses
 * `del_material` with 48005 while an auto-reply rule or a menu button uses the material.
 */
export interface MaterialUsage {
  /** Where the material is used (`menu`, `auto-reply rule "<name>"`), or `null` when nowhere. */
  usedBy(accountId: string, mediaId: string): Promise<string | null>;
}

/**
 * Usage by menus (buttons of type `media_id` / `view_limited` in the default and conditional
 * menus) and by auto-reply rules (image, voice and video replies).
 */
export function menuAndReplyUsage(menus: Pick<MenuService, 'view'>, replies: Pick<ReplyService, 'list'>): MaterialUsage {
  return {
    async usedBy(accountId, mediaId) {
      const view = await menus.view(accountId);
      const trees = [view.menu?.button ?? [], ...view.conditionalmenu.map((m) => m.button)];
      if (trees.some((buttons) => buttonsUse(buttons, mediaId))) return 'menu';
      for (const rule of await replies.list(accountId)) {
        if (rule.replies.some((reply) => 'mediaId' in reply && reply.mediaId === mediaId)) {
          return `auto-reply rule "${rule.name}"`;
        }
      }
      return null;
    },
  };
}

function buttonsUse(buttons: MenuButton[], mediaId: string): boolean {
  return buttons.some((button) =>
    'type' in button ? button.media_id === mediaId : button.sub_button.some((sub) => sub.media_id === mediaId),
  );
}
