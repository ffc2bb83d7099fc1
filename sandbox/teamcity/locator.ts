import { badRequest } from './http';

/**
 * Parses a TeamCity locator such as `affectedProject:(id:Acme),count:10` into its dimensions. A value in
 * parentheses stays a locator of its own (parse it again); a bare locator `X` becomes `{ id: X }`.
 */
export function parseLocator(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (!/[:(),]/.test(text)) return { id: text };
  let i = 0;
  while (i < text.length) {
    const colon = text.indexOf(':', i);
    if (colon < 0) throw badRequest(`Bad locator syntax: '${text}'`);
    const name = text.slice(i, colon);
    let value: string;
    if (text[colon + 1] === '(') {
      let depth = 0;
      let j = colon + 1;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      if (depth !== 0) throw badRequest(`Bad locator syntax, unbalanced parentheses: '${text}'`);
      value = text.slice(colon + 2, j);
      i = j + 1;
    } else {
      const comma = text.indexOf(',', colon);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(colon + 1, end);
      i = end;
    }
    result[name] = value;
    if (text[i] === ',') i++;
  }
  return result;
}

/** The id named by an entity locator (`id:X` or `X`), as REST paths like `projects/id:X` carry it. */
export function locatorId(text: string): string {
  const dims = parseLocator(text);
  if (dims.id === undefined) throw badRequest(`Only 'id:' locators are supported by the sandbox, got '${text}'`);
  return dims.id;
}
