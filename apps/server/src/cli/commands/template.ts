import type { Command } from 'commander';
import { industryById, parseIndustryId } from '../../modules/templates/industries';
import { TemplateErrors } from '../../modules/templates/template.errors';
import { libraryOf } from '../../modules/templates/template-library';
import type { LibraryTemplate } from '../../modules/templates/template.types';
import { output } from '../context';

/** One catalogue entry as the CLI prints it with `--json`. */
function present(entry: LibraryTemplate) {
  const industry = industryById(entry.industryId)!;
  return {
    shortId: entry.shortId,
    title: entry.title,
    kind: entry.kind,
    industryId: entry.industryId,
    primaryIndustry: industry.firstClass,
    deputyIndustry: industry.secondClass,
    content: entry.content,
    example: entry.example,
    keywords: entry.keywords,
  };
}

/** A readable line per entry: id, industry, title, and the keywords a category entry offers. */
function human(entries: LibraryTemplate[]): string {
  if (!entries.length) return 'no templates';
  return entries
    .map((entry) => {
      const industry = industryById(entry.industryId)!;
      const head = `${entry.shortId.padEnd(16)} ${String(entry.industryId).padStart(2)} ${industry.firstClass}/${industry.secondClass}  ${entry.title}`;
      return entry.kind === 'category' ? `${head}  [keywords: ${entry.keywords.map((k) => k.name).join(', ')}]` : head;
    })
    .join('\n');
}

/**
 * `gzh template …`: the template library that `template/api_add_template` takes short ids from.
 * It needs no database: the catalogue ships with gzh.
 */
export function registerTemplate(program: Command): void {
  const template = program.command('template').description('template notices (模板消息)');

  template
    .command('library')
    .description('print the template library (short ids for api_add_template)')
    .option('--industry <code>', 'only templates of this industry code (1-41)')
    .option('--json', 'print {"templates": [...]}')
    .action((opts: { industry?: string; json?: boolean }) => {
      let industryId: number | undefined;
      if (opts.industry !== undefined) {
        const parsed = parseIndustryId(opts.industry);
        if (parsed === null) throw TemplateErrors.industryInvalid(opts.industry);
        industryId = parsed;
      }
      const entries = libraryOf(industryId);
      output(opts.json, { templates: entries.map(present) }, human(entries));
    });
}
