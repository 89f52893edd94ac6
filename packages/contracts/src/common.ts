import { z } from 'zod';

/** Error body of the console and follower APIs (the open API speaks WeChat's `{errcode, errmsg}`). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const accountTypeSchema = z.enum(['subscription', 'service']);
export type AccountType = z.infer<typeof accountTypeSchema>;

export const callbackModeSchema = z.enum(['plain', 'compatible', 'safe']);
export type CallbackMode = z.infer<typeof callbackModeSchema>;
