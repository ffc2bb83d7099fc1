const ESCAPES: Record<string, string> = { '|': '||', "'": "|'", '\n': '|n', '\r': '|r', '[': '|[', ']': '|]' };

/** TeamCity service-message value escaping: | ' [ ] \n \r, and every non-ASCII UTF-16 unit as |0xNNNN. */
export function escapeServiceValue(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    out += ESCAPES[char] ?? (code > 0x7f ? `|0x${code.toString(16).padStart(4, '0')}` : char);
  }
  return out;
}

/** `##teamcity[name 'value']` or `##teamcity[name key='value' …]`. */
export function serviceMessage(name: string, value: string | Record<string, string>): string {
  const body =
    typeof value === 'string'
      ? ` '${escapeServiceValue(value)}'`
      : Object.entries(value)
          .map(([key, item]) => ` ${key}='${escapeServiceValue(item)}'`)
          .join('');
  return `##teamcity[${name}${body}]`;
}
