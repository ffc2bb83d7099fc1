import type { Parameter } from '../model';

const REFERENCE = /%([A-Za-z0-9_.:-]+)%/g;

/**
 * Resolves `%name%` references (recursively) the way TeamCity does before a build starts; `%%` is a literal `%`.
 * Returns the text and the names that could not be resolved.
 */
export function resolveReferences(text: string, values: Map<string, string>): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const resolve = (value: string, seen: string[]): string =>
    value
      .split('%%')
      .map((part) =>
        part.replace(REFERENCE, (whole, name: string) => {
          const found = values.get(name);
          if (found === undefined || seen.includes(name)) {
            unresolved.add(name);
            return whole;
          }
          return resolve(found, [...seen, name]);
        }),
      )
      .join('%');
  return { text: resolve(text, []), unresolved: [...unresolved] };
}

/** Later layers override earlier ones: pass them from the most general (agent, root project) to the build's own. */
export function mergeParameters(...layers: Parameter[][]): Map<string, Parameter> {
  const merged = new Map<string, Parameter>();
  for (const layer of layers) for (const p of layer) merged.set(p.name, p);
  return merged;
}
