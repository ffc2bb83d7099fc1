import { badRequest } from '../http';

/** A parsed `fields=` spec: each named field, with the spec of its own fields when given in parentheses. */
type FieldsTree = Map<string, FieldsTree | null>;

function parseFields(text: string): FieldsTree {
  const tree: FieldsTree = new Map();
  let i = 0;
  const parseLevel = (into: FieldsTree, closing: boolean): void => {
    while (i < text.length) {
      const match = /^[^,()]*/.exec(text.slice(i))![0];
      i += match.length;
      let nested: FieldsTree | null = null;
      if (text[i] === '(') {
        i++;
        nested = new Map();
        parseLevel(nested, true);
      }
      if (match) into.set(match.trim(), nested);
      if (text[i] === ',') i++;
      else if (text[i] === ')') {
        if (!closing) throw badRequest(`Bad 'fields' syntax, unbalanced parentheses: '${text}'`);
        i++;
        return;
      }
    }
    if (closing) throw badRequest(`Bad 'fields' syntax, unbalanced parentheses: '${text}'`);
  };
  parseLevel(tree, false);
  return tree;
}

function apply(value: unknown, tree: FieldsTree | null): unknown {
  if (tree === null || tree.has('*') || tree.has('**') || tree.has('$long')) return value;
  if (Array.isArray(value)) return value.map((item) => apply(item, tree));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [name, nested] of tree) {
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) result[name] = apply(field, nested);
  }
  return result;
}

/**
 * Narrows a full entity (or list) to a `fields=` spec such as `count,nextHref,vcs-root(id,properties(property))`:
 * only the named fields, nested specs applied to nested entities and to each item of a list; a field named without a
 * spec keeps its whole value; `*`/`$long` keep everything. A custom spec that leaves out `nextHref` gets none
 * (teamcity-rest model/Fields.java isIncludedFull: a field not in a custom spec is not included).
 */
export function selectFields(doc: unknown, spec: string): unknown {
  return apply(doc, parseFields(spec));
}
