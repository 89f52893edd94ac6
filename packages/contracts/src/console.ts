import { z } from 'zod';
import { accountTypeSchema, callbackModeSchema } from './common';

/**
 * Console API contract (`/api/console/...`): shared by the server (validation, OpenAPI) and the
 * console SPA (types). Authentication: the `gzh_session` httpOnly cookie plus an `x-csrf-token`
 * header on every non-GET request, or `Authorization: Bearer gzh_…` (API key, no CSRF).
 */

export const consoleRoleSchema = z.enum(['owner', 'admin', 'operator', 'agent', 'analyst']);
export type ConsoleRole = z.infer<typeof consoleRoleSchema>;

export const consoleUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: consoleRoleSchema,
  organisationId: z.string(),
  organisationName: z.string(),
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;

export const createUserRequestSchema = z.object({
  username: z.string().min(3).max(64),
  password: z.string().min(8).max(256),
  role: consoleRoleSchema,
  displayName: z.string().max(64).optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionResponseSchema = z.object({ user: consoleUserSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const developerConfigSchema = z.object({
  url: z.string().nullable(),
  token: z.string().nullable(),
  encodingAesKey: z.string().nullable(),
  mode: callbackModeSchema,
  enabled: z.boolean(),
});
export type DeveloperConfig = z.infer<typeof developerConfigSchema>;

export const accountViewSchema = z.object({
  appid: z.string(),
  originalId: z.string(),
  name: z.string(),
  type: accountTypeSchema,
  verified: z.boolean(),
  avatarUrl: z.string(),
  intro: z.string(),
  welcomeText: z.string(),
  ipWhitelist: z.array(z.string()),
  reportLocation: z.boolean(),
  followerCount: z.number(),
  secretUpdatedAt: z.number(),
  createdAt: z.number(),
  developer: developerConfigSchema,
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const createAccountRequestSchema = z.object({
  name: z.string().min(1).max(30),
  type: accountTypeSchema,
  verified: z.boolean().optional(),
  intro: z.string().max(120).optional(),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

export const updateAccountRequestSchema = z.object({
  name: z.string().min(1).max(30).optional(),
  intro: z.string().max(120).optional(),
  avatarUrl: z.string().max(1024).optional(),
  welcomeText: z.string().max(600).optional(),
  verified: z.boolean().optional(),
  ipWhitelist: z.array(z.string().max(64)).max(200).optional(),
  reportLocation: z.boolean().optional(),
});
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;

export const followerViewSchema = z.object({
  openid: z.string(),
  unionid: z.string(),
  nickname: z.string(),
  subscribed: z.boolean(),
  subscribeTime: z.number(),
  subscribeScene: z.string(),
  qrScene: z.number().nullable(),
  qrSceneStr: z.string().nullable(),
  remark: z.string(),
  blacklisted: z.boolean(),
  tagIds: z.array(z.number()),
});
export type FollowerView = z.infer<typeof followerViewSchema>;

export const followerListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  tagId: z.coerce.number().int().min(0).optional(),
  blacklisted: z.enum(['true', 'false']).optional(),
  subscribed: z.enum(['true', 'false']).optional(),
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const followerListResponseSchema = z.object({
  followers: z.array(followerViewSchema),
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Subscribed followers of the account. */
  total: z.number(),
});
export type FollowerListResponse = z.infer<typeof followerListResponseSchema>;

export const updateFollowerRequestSchema = z.object({
  remark: z.string().optional(),
  blacklisted: z.boolean().optional(),
});

export const tagViewSchema = z.object({ id: z.number(), name: z.string(), count: z.number() });
export type TagView = z.infer<typeof tagViewSchema>;

export const clockStateSchema = z.object({
  sandbox: z.boolean(),
  nowMs: z.number(),
  now: z.string(),
  frozen: z.boolean(),
  offsetMs: z.number(),
});
export type ClockState = z.infer<typeof clockStateSchema>;

export const clockActionSchema = z.object({
  action: z.enum(['freeze', 'unfreeze', 'advance', 'set', 'reset']),
  /** Duration for `advance`: `2h`, `90s`, `1d12h`, or seconds as a number string. */
  by: z.string().max(32).optional(),
  /** ISO date-time or epoch milliseconds for `set`. */
  to: z.union([z.string().max(64), z.number()]).optional(),
});
export type ClockAction = z.infer<typeof clockActionSchema>;

export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** The menu as `menu/get` returns it (buttons are WeChat's JSON, passed through). */
export const menuViewSchema = z.object({
  menu: z.object({ button: z.array(z.unknown()), menuid: z.union([z.number(), z.string()]).optional() }).nullable(),
  conditionalmenu: z.array(
    z.object({
      button: z.array(z.unknown()),
      matchrule: z.record(z.string(), z.unknown()),
      menuid: z.union([z.number(), z.string()]),
    }),
  ),
});
export type MenuView = z.infer<typeof menuViewSchema>;
