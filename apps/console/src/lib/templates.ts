import type { IndustryView, PrivateTemplateView, TemplateValue } from '@gzh/contracts';

/** Private templates an account may hold (WeChat's limit; the server answers 45026 beyond). */
export const MAX_PRIVATE_TEMPLATES = 25;

/** Keywords a category template may be built from. */
export const MAX_CATEGORY_KEYWORDS = 5;

/** `IT科技 / 互联网|电子商务`, as WeChat's pickers show an industry; '' for none. */
export function industryLabel(industry: Pick<IndustryView, 'firstClass' | 'secondClass'> | null | undefined): string {
  return industry ? `${industry.firstClass} / ${industry.secondClass}` : '';
}

/** What the operator typed for one placeholder. */
export interface FieldDraft {
  value?: string;
  color?: string;
}

/** Placeholders a send must fill: all but a classic template's `first` and `remark`. */
export function requiredFields(template: Pick<PrivateTemplateView, 'placeholders' | 'category'>): string[] {
  return template.placeholders.filter((name) => template.category || (name !== 'first' && name !== 'remark'));
}

/**
 * The `data` of a send from the form: blank fields are left out (the server names a missing
 * required one), colours only where the template shows them (classic templates) and only when set.
 */
export function sendData(
  template: Pick<PrivateTemplateView, 'placeholders' | 'category'>,
  drafts: Readonly<Record<string, FieldDraft | undefined>>,
): Record<string, TemplateValue> {
  const data: Record<string, TemplateValue> = {};
  for (const name of template.placeholders) {
    const draft = drafts[name];
    if (!draft?.value) continue;
    const color = draft.color?.trim();
    data[name] = !template.category && color ? { value: draft.value, color } : { value: draft.value };
  }
  return data;
}
