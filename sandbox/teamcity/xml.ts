// SANDBOX ONLY: a small XML reader for the settings files the sandbox's sync stand-in reads: elements, attributes in
// single or double quotes, text, CDATA, comments, the XML declaration and the five predefined entities plus character
// references (XML 1.0, sections 2.4, 2.5, 2.7, 2.8, 4.1). No DTDs, namespaces are kept as part of names.
import { badRequest } from './http';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text and CDATA, joined. */
  readonly text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw badRequest(`XML: unknown entity ${whole}`);
    return value;
  });
}

/** The document's root element. */
export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (what: string): never => {
    throw badRequest(`XML: ${what} at offset ${at}`);
  };
  /** The offset just past the next `marker`. */
  const past = (marker: string): number => {
    const found = source.indexOf(marker, at);
    return found < 0 ? fail(`no ${marker}`) : found + marker.length;
  };
  const skipMisc = () => {
    for (;;) {
      const rest = source.slice(at);
      const space = /^\s+/.exec(rest);
      if (space) at += space[0].length;
      else if (rest.startsWith('<?')) at = past('?>');
      else if (rest.startsWith('<!--')) at = past('-->');
      else return;
    }
  };
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.:-]*)/.exec(source.slice(at)) ?? fail('expected an element');
    at += open[0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(source.slice(at));
      if (!attribute) break;
      if (attribute[1]! in attributes) fail(`attribute ${attribute[1]} twice`);
      attributes[attribute[1]!] = decode(attribute[2] ?? attribute[3] ?? '');
      at += attribute[0].length;
    }
    const end = /^\s*(\/?)>/.exec(source.slice(at)) ?? fail(`malformed start tag <${open[1]}>`);
    at += end[0].length;
    const children: XmlElement[] = [];
    let text = '';
    if (end[1] !== '/') {
      for (;;) {
        if (at >= source.length) fail(`unclosed <${open[1]}>`);
        const rest = source.slice(at);
        if (rest.startsWith(`</`)) {
          const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest) ?? fail('malformed end tag');
          if (close[1] !== open[1]) fail(`</${close[1]}> closes <${open[1]}>`);
          at += close[0].length;
          break;
        }
        if (rest.startsWith('<![CDATA[')) {
          const end = past(']]>');
          text += source.slice(at + 9, end - 3);
          at = end;
        } else if (rest.startsWith('<!--')) {
          at = past('-->');
        } else if (rest.startsWith('<')) {
          children.push(element());
        } else {
          const stop = source.indexOf('<', at);
          text += decode(source.slice(at, stop < 0 ? source.length : stop));
          at = stop < 0 ? source.length : stop;
        }
      }
    }
    return { name: open[1]!, attributes, children, text };
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Child elements named `name`, or of the path `a/b/c` below `element`. */
export function select(element: XmlElement, path: string): XmlElement[] {
  return path.split('/').reduce<XmlElement[]>((found, name) => found.flatMap((e) => e.children.filter((c) => c.name === name)), [element]);
}
