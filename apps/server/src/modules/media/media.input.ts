import { MediaErrors } from './media.errors';
import { MEDIA_TYPES, type MediaType } from './media.types';

/** Parsing of loosely typed API input (query parameters, form fields, JSON) into media values. */

/** gzh's limits on video titles and introductions (WeChat documents none for the API). */
export const VIDEO_LIMITS = { titleChars: 64, introductionChars: 1_000 } as const;

/** The `type` of an upload (40004 unless image, voice, video or thumb). */
export function mediaTypeOf(value: unknown): MediaType {
  if (typeof value !== 'string' || !(MEDIA_TYPES as readonly string[]).includes(value)) throw MediaErrors.invalidType(value);
  return value as MediaType;
}

/** A non-negative integer given as a JSON number or a digit string; `null` otherwise. */
export function nonNegativeInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/**
 * The `description` of a video material: JSON `{"title","introduction"}` as a form field or
 * query parameter (wechatpy), or an object (console). Missing or malformed is 47001.
 */
export function videoDescription(value: unknown): { title: string; description: string } {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      throw MediaErrors.invalidData('description must be JSON {"title","introduction"}');
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw MediaErrors.invalidData('video materials need description {"title","introduction"}');
  }
  const d = parsed as Record<string, unknown>;
  const { title, description } = videoText(d.title, d.introduction);
  if (!title.trim()) throw MediaErrors.invalidData('description.title is required for video materials');
  return { title, description };
}

/** Title and introduction of a video, both optional strings within {@link VIDEO_LIMITS}. */
export function videoText(title: unknown, introduction: unknown): { title: string; description: string } {
  if (title !== undefined && typeof title !== 'string') throw MediaErrors.invalidData('title must be a string');
  if (introduction !== undefined && typeof introduction !== 'string') {
    throw MediaErrors.invalidData('introduction/description must be a string');
  }
  const t = title ?? '';
  const d = introduction ?? '';
  if ([...t].length > VIDEO_LIMITS.titleChars) throw MediaErrors.titleTooLong(VIDEO_LIMITS.titleChars);
  if ([...d].length > VIDEO_LIMITS.introductionChars) throw MediaErrors.descriptionTooLong(VIDEO_LIMITS.introductionChars);
  return { title: t, description: d };
}
