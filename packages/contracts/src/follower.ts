import { z } from 'zod';
import { accountTypeSchema } from './common';

/**
 * Follower API contract (`/api/follower/...`) used by the follower client and by scripts.
 * Authentication: `Authorization: Bearer <person token>` from creating or picking a person.
 */

export const personViewSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  platform: z.number(),
  language: z.string(),
  createdAt: z.number(),
});
export type PersonView = z.infer<typeof personViewSchema>;

export const createPersonRequestSchema = z.object({
  nickname: z.string().max(32).optional(),
  avatarUrl: z.string().max(1024).optional(),
  platform: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  language: z.string().max(10).optional(),
});
export type CreatePersonRequest = z.infer<typeof createPersonRequestSchema>;

export const personSessionSchema = z.object({ person: personViewSchema, token: z.string() });
export type PersonSession = z.infer<typeof personSessionSchema>;

export const publicAccountSchema = z.object({
  appid: z.string(),
  originalId: z.string(),
  name: z.string(),
  type: accountTypeSchema,
  verified: z.boolean(),
  avatarUrl: z.string(),
  intro: z.string(),
  /** The account asks the client to report the follower's location while chatting. */
  reportLocation: z.boolean(),
  /** Whether the calling person currently follows the account. */
  following: z.boolean(),
  /** The caller's OpenID for this account, once they have followed it. */
  openid: z.string().nullable(),
});
export type PublicAccount = z.infer<typeof publicAccountSchema>;

export const followResponseSchema = z.object({
  account: publicAccountSchema,
  openid: z.string(),
  /** True when the person already followed (a QR scan then is WeChat's SCAN event). */
  alreadyFollowing: z.boolean(),
});
export type FollowResponse = z.infer<typeof followResponseSchema>;

export const scanRequestSchema = z
  .object({
    ticket: z.string().max(512).optional(),
    /** The URL encoded in the QR image (`…/q/<code>`), as a phone camera would read it. */
    url: z.string().max(1024).optional(),
  })
  .refine((v) => v.ticket || v.url, { message: 'ticket or url is required' });
export type ScanRequest = z.infer<typeof scanRequestSchema>;
