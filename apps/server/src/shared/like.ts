/**
 * Makes a search term safe inside a LIKE pattern. `%` and `\` are dropped rather than escaped
 * because SQLite and PostgreSQL disagree on the default escape character; `_` stays a
 * one-character wildcard, which only ever widens a search.
 */
export function escapeLike(term: string): string {
  return term.replace(/[\\%]/g, '');
}
