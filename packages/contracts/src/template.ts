import { z } from 'zod';

/**
 * Template notices (模板消息) in the console API (`/api/console/accounts/:appid/templates…`) and
 * the follower API's "receive notices" switch. The open API keeps WeChat's own shapes; these are
 * gzh's camelCase views of the same data.
 */

export const industryViewSchema = z.object({ id: z.number(), firstClass: z.string(), secondClass: z.string() });
export type IndustryView = z.infer<typeof industryViewSchema>;

export const templateIndustryResponseSchema = z.object({
  /** Every industry code WeChat defines (1–41), for pickers. */
  industries: z.array(industryViewSchema),
  primary: industryViewSchema.nullable(),
  secondary: industryViewSchema.nullable(),
  /** Epoch ms from when the pair may be changed again; null when it may be changed now. */
  lockedUntil: z.number().nullable(),
});
export type TemplateIndustryResponse = z.infer<typeof templateIndustryResponseSchema>;

export const setIndustryRequestSchema = z.object({
  primaryId: z.number().int(),
  secondaryId: z.number().int(),
});
export type SetIndustryRequest = z.infer<typeof setIndustryRequestSchema>;

export const libraryTemplateViewSchema = z.object({
  shortId: z.string(),
  title: z.string(),
  industryId: z.number(),
  primaryIndustry: z.string(),
  deputyIndustry: z.string(),
  /** `classic` (fixed content) or `category` (built from chosen keywords). */
  kind: z.enum(['classic', 'category']),
  content: z.string(),
  example: z.string(),
  keywords: z.array(z.object({ name: z.string(), key: z.string(), example: z.string() })),
});
export type LibraryTemplateView = z.infer<typeof libraryTemplateViewSchema>;

export const privateTemplateViewSchema = z.object({
  templateId: z.string(),
  shortId: z.string(),
  title: z.string(),
  primaryIndustry: z.string(),
  deputyIndustry: z.string(),
  content: z.string(),
  example: z.string(),
  keywords: z.array(z.string()),
  /** Placeholder names of `content`, in order: the keys a send's `data` takes. */
  placeholders: z.array(z.string()),
  /** Category templates: WeChat ignores colours there. */
  category: z.boolean(),
  createdAt: z.number(),
});
export type PrivateTemplateView = z.infer<typeof privateTemplateViewSchema>;

export const addTemplateRequestSchema = z.object({
  shortId: z.string().min(1).max(64),
  keywordNames: z.array(z.string().max(64)).max(10).optional(),
});
export type AddTemplateRequest = z.infer<typeof addTemplateRequestSchema>;

export const sendTemplateRequestSchema = z.object({
  openid: z.string().max(64),
  templateId: z.string().max(64),
  data: z.record(z.string(), z.object({ value: z.string(), color: z.string().max(16).optional() })),
  url: z.string().max(2048).optional(),
  miniprogram: z.object({ appid: z.string().max(32), pagepath: z.string().max(1024) }).optional(),
  clientMsgId: z.string().max(64).optional(),
});
export type SendTemplateRequest = z.infer<typeof sendTemplateRequestSchema>;

export const templateSendViewSchema = z.object({
  msgid: z.string(),
  openid: z.string(),
  templateId: z.string(),
  title: z.string(),
  /** `pending`, `success`, `failed:user block` or `failed: system failed`. */
  status: z.string(),
  /** True when the answer repeated an earlier send with the same clientMsgId. */
  repeated: z.boolean().optional(),
  createdAt: z.number(),
});
export type TemplateSendView = z.infer<typeof templateSendViewSchema>;

/** The follower's switch for one account's template notices. */
export const noticeSettingSchema = z.object({ blocked: z.boolean() });
export type NoticeSetting = z.infer<typeof noticeSettingSchema>;
