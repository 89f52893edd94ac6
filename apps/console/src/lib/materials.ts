import { MATERIAL_FILE_LIMITS, type MaterialFileType } from '@gzh/contracts';
import type { Translate } from '../i18n';

/** The `accept` attribute of a file picker for a kind of material (`.jpg,.png,…`). */
export function acceptOf(type: MaterialFileType): string {
  return MATERIAL_FILE_LIMITS[type].extensions.map((e) => `.${e}`).join(',');
}

/**
 * Why a picked file cannot be uploaded as `type`, before sending it: `extension` or `size`, or
 * `null` when it may go (the server still checks the bytes). Saves a 10 MB round trip.
 */
export function fileProblem(type: MaterialFileType, file: { name: string; size: number }): 'extension' | 'size' | 'empty' | null {
  const dot = file.name.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
  if (!MATERIAL_FILE_LIMITS[type].extensions.includes(extension)) return 'extension';
  if (file.size === 0) return 'empty';
  if (file.size > MATERIAL_FILE_LIMITS[type].maxBytes) return 'size';
  return null;
}

/** The message to show for a file that cannot be uploaded as `type`, or `null` when it may go. */
export function fileProblemMessage(t: Translate, type: MaterialFileType, file: { name: string; size: number }): string | null {
  const problem = fileProblem(type, file);
  if (!problem) return null;
  const vars = { name: file.name, accept: acceptOf(type), max: formatSize(MATERIAL_FILE_LIMITS[type].maxBytes) };
  return t(`materials.problem.${problem}`, vars);
}

/** A byte size for people: `850 B`, `64 KB`, `2.5 MB` (binary units, as WeChat's limits are). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`;
  return `${trim(bytes / (1024 * 1024))} MB`;
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
