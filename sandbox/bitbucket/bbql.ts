/**
 * A parser and evaluator for the subset of BBQL (Bitbucket's query language) that repository listings use:
 * comparisons `field op value` and `field [NOT] IN (v, …)`, joined by AND / OR, with parentheses.
 */
export type Value = string | number | boolean | null;
export type Op = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=';
export type Query =
  | { kind: 'cmp'; field: string; op: Op; value: Value }
  | { kind: 'in'; field: string; negate: boolean; values: Value[] }
  | { kind: 'and' | 'or'; left: Query; right: Query };

export class BbqlError extends Error {}

type Token = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: '(' } | { t: ')' } | { t: ',' };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ t: c }); i++; continue; }
    if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i];
        i++;
      }
      if (i >= src.length) throw new BbqlError('unterminated string');
      i++;
      out.push({ t: 'str', v });
      continue;
    }
    const op = /^(!=|!~|>=|<=|=|~|>|<)/.exec(src.slice(i));
    if (op) { out.push({ t: 'op', v: op[0] }); i += op[0].length; continue; }
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?(?![\w.])/.exec(src.slice(i));
    if (date) { out.push({ t: 'str', v: date[0] }); i += date[0].length; continue; }
    const num = /^-?\d+(\.\d+)?(?![\w.])/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][\w.-]*/.exec(src.slice(i));
    if (word) { out.push({ t: 'word', v: word[0] }); i += word[0].length; continue; }
    throw new BbqlError(`unexpected character ${JSON.stringify(c)} at position ${i}`);
  }
  return out;
}

export function parseBbql(src: string): Query {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (tok: Token | undefined, w: string): boolean => tok?.t === 'word' && tok.v.toUpperCase() === w;

  const parseOr = (): Query => {
    let left = parseAnd();
    while (isWord(peek(), 'OR')) { pos++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): Query => {
    let left = parsePrimary();
    while (isWord(peek(), 'AND')) { pos++; left = { kind: 'and', left, right: parsePrimary() }; }
    return left;
  };
  const parsePrimary = (): Query => {
    const tok = tokens[pos++];
    if (!tok) throw new BbqlError('unexpected end of query');
    if (tok.t === '(') {
      const q = parseOr();
      if (tokens[pos++]?.t !== ')') throw new BbqlError('missing closing parenthesis');
      return q;
    }
    if (tok.t !== 'word' || ['AND', 'OR'].includes(tok.v.toUpperCase())) throw new BbqlError(`expected a field name, found ${describe(tok)}`);
    const negate = isWord(peek(), 'NOT');
    if (negate) pos++;
    if (isWord(peek(), 'IN')) {
      pos++;
      return { kind: 'in', field: tok.v, negate, values: parseList(tok.v) };
    }
    if (negate) throw new BbqlError(`expected IN after ${tok.v} NOT`);
    const op = tokens[pos++];
    if (op?.t !== 'op') throw new BbqlError(`expected an operator after ${tok.v}, found ${op ? describe(op) : 'end of query'}`);
    const value = parseValue(`${tok.v} ${op.v}`);
    if ((op.v === '~' || op.v === '!~') && typeof value !== 'string') throw new BbqlError(`${op.v} needs a string`);
    return { kind: 'cmp', field: tok.v, op: op.v as Op, value };
  };

  const parseValue = (after: string): Value => {
    const val = tokens[pos++];
    if (!val) throw new BbqlError(`expected a value after ${after}`);
    if (val.t === 'str' || val.t === 'num') return val.v;
    if (val.t === 'word' && ['true', 'false', 'null'].includes(val.v)) return val.v === 'null' ? null : val.v === 'true';
    throw new BbqlError(`expected a value after ${after}, found ${describe(val)}`);
  };
  const parseList = (field: string): Value[] => {
    if (tokens[pos++]?.t !== '(') throw new BbqlError(`expected ( after ${field} IN`);
    const values = [parseValue(`${field} IN (`)];
    while (tokens[pos]?.t === ',') { pos++; values.push(parseValue(`${field} IN (…,`)); }
    if (tokens[pos++]?.t !== ')') throw new BbqlError(`missing ) after ${field} IN (…`);
    return values;
  };

  const q = parseOr();
  if (pos < tokens.length) throw new BbqlError(`unexpected ${describe(tokens[pos]!)}`);
  return q;
}

function describe(tok: Token): string {
  return 'v' in tok ? JSON.stringify(tok.v) : JSON.stringify(tok.t);
}

/** Field values of the thing being filtered; an unknown field is an error (Bitbucket answers 400). */
export type FieldLookup = (field: string) => Value | undefined;

export function fieldsUsed(q: Query): string[] {
  return q.kind === 'cmp' || q.kind === 'in' ? [q.field] : [...fieldsUsed(q.left), ...fieldsUsed(q.right)];
}

export function evaluate(q: Query, lookup: FieldLookup): boolean {
  if (q.kind === 'cmp') return compare(q, lookup);
  if (q.kind === 'in') return q.values.includes(lookup(q.field) ?? null) !== q.negate;
  return q.kind === 'and' ? evaluate(q.left, lookup) && evaluate(q.right, lookup) : evaluate(q.left, lookup) || evaluate(q.right, lookup);
}

function compare(q: Extract<Query, { kind: 'cmp' }>, lookup: FieldLookup): boolean {
  const actual = lookup(q.field) ?? null;
  const want = q.value;
  switch (q.op) {
    case '=': return actual === want;
    case '!=': return actual !== want;
    case '~': return typeof actual === 'string' && actual.toLowerCase().includes(String(want).toLowerCase());
    case '!~': return !(typeof actual === 'string' && actual.toLowerCase().includes(String(want).toLowerCase()));
    default: {
      if (actual === null || want === null) return false;
      const [a, b] = [actual, want];
      if (q.op === '>') return a > b;
      if (q.op === '>=') return a >= b;
      if (q.op === '<') return a < b;
      return a <= b;
    }
  }
}
