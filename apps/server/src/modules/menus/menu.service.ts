import type { Clock } from '../../shared/clock';
import { isAppError } from '../../shared/errors';
import { randomId31 } from '../../shared/ids';
import type { FollowerService } from '../followers/follower.service';
import type { Follower } from '../followers/follower.types';
import type { TagService } from '../tags/tag.service';
import { MenuErrors } from './menu.errors';
import type { MenuRecord, MenuRepo } from './menu.repo';
import { matchesRule, validateButtons, validateMatchRule, type MatchRule, type MenuButton } from './menu.validation';

/**
 * Conditional menus per account. WeChat documents no number; gzh policy is 20 (65305 beyond),
 * enough for every targeting scheme seen in SDK examples while keeping trymatch a short scan.
 */
export const MAX_CONDITIONAL_MENUS = 20;

/** The default menu as `menu/get` prints it; `menuid` only when conditional menus exist. */
export interface DefaultMenuView {
  button: MenuButton[];
  menuid?: number;
}

/** One conditional menu as `menu/get` prints it: matchrule values are strings, tag as `group_id`. */
export interface ConditionalMenuView {
  button: MenuButton[];
  matchrule: Record<string, string>;
  menuid: number;
}

/** What `menu/get` returns, with `menu: null` when the account has no menu (the console's form). */
export interface MenuView {
  menu: DefaultMenuView | null;
  conditionalmenu: ConditionalMenuView[];
}

/** Draws of a fresh menuid before giving up; a collision in 2^31 is already unlikely. */
const MENUID_ATTEMPTS = 5;

/**
 * Custom menus (自定义菜单): one default menu per account plus conditional menus that replace it
 * for the followers their matchrule selects (spec/api-catalog.md §2). Menus are validated and
 * normalised on the way in, so every read path returns stored JSON as is.
 */
export class MenuService {
  constructor(
    private readonly repo: MenuRepo,
    private readonly followers: FollowerService,
    private readonly tags: TagService,
    private readonly clock: Clock,
  ) {}

  /** `menu/create`: validates and replaces the default menu; conditional menus are kept. */
  async create(accountId: string, button: unknown): Promise<void> {
    const buttons = validateButtons(button);
    const atMs = await this.nextCreatedAt(accountId);
    for (let i = 0; i < MENUID_ATTEMPTS; i++) {
      if (await this.repo.replaceDefault(accountId, String(randomId31()), buttons, atMs)) return;
    }
    throw new Error('could not draw a free menuid');
  }

  /**
   * The account's menus in `menu/get` shape (also what the console shows). `menu` is null when
   * there is none; the open API turns that into 46003.
   */
  async view(accountId: string): Promise<MenuView> {
    const menus = await this.repo.list(accountId);
    const defaultMenu = defaultOf(menus);
    const conditional = menus.filter((m) => m.kind === 'conditional');
    if (!defaultMenu) return { menu: null, conditionalmenu: [] };
    return {
      menu: conditional.length
        ? { button: defaultMenu.buttons, menuid: Number(defaultMenu.menuid) }
        : { button: defaultMenu.buttons },
      conditionalmenu: conditional.map((m) => ({
        button: m.buttons,
        matchrule: presentMatchRule(m.matchrule ?? {}),
        menuid: Number(m.menuid),
      })),
    };
  }

  /** Buttons of the default menu, or null; `get_current_selfmenu_info` presents them. */
  async current(accountId: string): Promise<MenuButton[] | null> {
    const menus = await this.repo.list(accountId);
    return defaultOf(menus)?.buttons ?? null;
  }

  /** `menu/delete`: removes the default menu and every conditional menu. */
  async delete(accountId: string): Promise<void> {
    await this.repo.deleteAll(accountId);
  }

  /**
   * `menu/addconditional`: validates buttons (65308 for a leaf without type) and matchrule, then
   * requires a default menu (65303), room under {@link MAX_CONDITIONAL_MENUS} (65305) and, when
   * the rule names a tag, an existing tag of the account (45159 "invalid tag id": WeChat's table
   * has no conditional-menu code for it, and 65310–65314 are region errors). Returns the menuid
   * as a string, the type WxJava reads.
   */
  async addConditional(accountId: string, button: unknown, matchrule: unknown): Promise<string> {
    if (matchrule === undefined || matchrule === null) throw MenuErrors.matchRuleMissing();
    const buttons = validateButtons(button, { conditional: true });
    const rule = validateMatchRule(matchrule);
    if (!(await this.repo.hasDefault(accountId))) throw MenuErrors.noDefaultMenu();
    if ((await this.repo.countConditional(accountId)) >= MAX_CONDITIONAL_MENUS) {
      throw MenuErrors.conditionalLimit(MAX_CONDITIONAL_MENUS);
    }
    if (rule.tag_id !== undefined) {
      const tagId = Number(rule.tag_id);
      const known = await this.tags.list(accountId);
      if (!known.some((t) => t.id === tagId)) throw MenuErrors.invalidTagId();
    }
    const atMs = await this.nextCreatedAt(accountId);
    for (let i = 0; i < MENUID_ATTEMPTS; i++) {
      const menuid = String(randomId31());
      if (await this.repo.insertConditional(accountId, menuid, buttons, rule, atMs)) return menuid;
    }
    throw new Error('could not draw a free menuid');
  }

  /** `menu/delconditional`: menuid as string or number; 65301 when no such conditional menu. */
  async deleteConditional(accountId: string, menuid: unknown): Promise<void> {
    const id = typeof menuid === 'number' && Number.isSafeInteger(menuid) ? String(menuid) : menuid;
    if (typeof id !== 'string' || !/^\d{1,15}$/.test(id.trim())) throw MenuErrors.conditionalNotFound();
    if (!(await this.repo.deleteConditional(accountId, id.trim()))) throw MenuErrors.conditionalNotFound();
  }

  /**
   * `menu/trymatch`: the menu a follower would see — the newest conditional menu whose matchrule
   * matches the follower's person profile and tags, else the default menu. `user_id` is an
   * OpenID (gzh has no WeChat IDs); 46002 when it names no follower, 46003 without a menu.
   */
  async tryMatch(accountId: string, userId: unknown): Promise<MenuButton[]> {
    const follower = await this.followerOf(accountId, userId);
    const menus = await this.repo.list(accountId);
    const menu = await this.menuFor(accountId, follower, menus);
    if (!menu) throw MenuErrors.notFound();
    return menu.buttons;
  }

  /**
   * The menu a follower sees, with its menuid (the follower client's bottom bar, and the MenuId
   * of VIEW events); `null` when the account has no menu.
   */
  async menuOf(accountId: string, follower: Follower): Promise<{ menuid: string; buttons: MenuButton[] } | null> {
    const menu = await this.menuFor(accountId, follower, await this.repo.list(accountId));
    return menu ? { menuid: menu.menuid, buttons: menu.buttons } : null;
  }

  private async menuFor(accountId: string, follower: Follower, menus: MenuRecord[]): Promise<MenuRecord | undefined> {
    const defaultMenu = defaultOf(menus);
    // Newest first: creation times are strictly increasing per account (see nextCreatedAt).
    const conditional = menus.filter((m) => m.kind === 'conditional' && m.matchrule).reverse();
    if (!defaultMenu || !conditional.length) return defaultMenu;
    const person = await this.followers.getPerson(follower.personId);
    const needsTags = conditional.some((m) => m.matchrule?.tag_id !== undefined);
    const tagIds = needsTags ? ((await this.tags.tagIdsOf(accountId, [follower.id])).get(follower.id) ?? []) : [];
    const profile = { ...person, tagIds };
    return conditional.find((m) => matchesRule(m.matchrule!, profile)) ?? defaultMenu;
  }

  private async followerOf(accountId: string, userId: unknown): Promise<Follower> {
    try {
      return await this.followers.getByOpenId(accountId, typeof userId === 'string' ? userId.trim() : userId);
    } catch (error) {
      if (isAppError(error, 'follower.invalid_openid')) throw MenuErrors.userNotFound();
      throw error;
    }
  }

  /**
   * Creation time of a new menu: the clock, but strictly after the account's latest menu. A frozen
   * sandbox clock would otherwise give two conditional menus the same instant, and "the newest
   * matching menu wins" needs a total order.
   */
  private async nextCreatedAt(accountId: string): Promise<number> {
    const latest = await this.repo.latestCreatedAt(accountId);
    const now = this.clock.nowMs();
    return latest === null ? now : Math.max(now, latest + 1);
  }
}

/**
 * The account's default menu. Two concurrent `menu/create` calls can briefly leave two default
 * rows on PostgreSQL (each deletes what it sees, then inserts); the newest one is the menu, and
 * the next create removes both.
 */
function defaultOf(menus: MenuRecord[]): MenuRecord | undefined {
  return menus.findLast((m) => m.kind === 'default');
}

/** Output form of a matchrule: `group_id` for the tag (WeChat's legacy name), strings only. */
function presentMatchRule(rule: MatchRule): Record<string, string> {
  const out: Record<string, string> = {};
  if (rule.tag_id !== undefined) out.group_id = rule.tag_id;
  if (rule.sex !== undefined) out.sex = rule.sex;
  if (rule.country !== undefined) out.country = rule.country;
  if (rule.province !== undefined) out.province = rule.province;
  if (rule.city !== undefined) out.city = rule.city;
  if (rule.client_platform_type !== undefined) out.client_platform_type = rule.client_platform_type;
  if (rule.language !== undefined) out.language = rule.language;
  return out;
}
