export interface ServiceMessage {
  name: string;
  /** The single unnamed argument: `##teamcity[name 'value']`. */
  value?: string;
  attributes: Record<string, string>;
}

function unescape(text: string): string {
  return text.replace(/\|(0x[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.startsWith('0x')) return String.fromCharCode(parseInt(c.slice(2), 16));
    return ({ n: '\n', r: '\r', x: '\u0085', l: '\u2028', p: '\u2029' } as Record<string, string>)[c] ?? c;
  });
}

const QUOTED = "'((?:[^'|]|\\|.)*)'";
const MESSAGE = /##teamcity\[([A-Za-z][\w.-]*)((?:\s+(?:'(?:[^'|]|\|.)*'|[\w.:-]+\s*=\s*'(?:[^'|]|\|.)*'))*)\s*\]/;

/** Parses a TeamCity service message in a line of build output, or returns undefined. */
export function parseServiceMessage(line: string): ServiceMessage | undefined {
  const match = MESSAGE.exec(line);
  if (!match) return undefined;
  const [, name, rest = ''] = match;
  const single = new RegExp(`^\\s*${QUOTED}\\s*$`).exec(rest);
  if (single) return { name: name!, value: unescape(single[1]!), attributes: {} };
  const attributes: Record<string, string> = {};
  for (const m of rest.matchAll(new RegExp(`([\\w.:-]+)\\s*=\\s*${QUOTED}`, 'g'))) attributes[m[1]!] = unescape(m[2]!);
  return { name: name!, attributes };
}
