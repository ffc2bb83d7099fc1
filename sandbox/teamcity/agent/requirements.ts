import type { Requirement } from '../model';

// Conditions as "Configuring Agent Requirements" (jetbrains.com/help/teamcity/2024.12/configuring-agent-requirements.html) defines them.
const conditions: Record<string, (actual: string | undefined, value: string) => boolean> = {
  exists: (actual) => actual !== undefined,
  'not-exists': (actual) => actual === undefined,
  equals: (actual, value) => actual === value,
  'does-not-equal': (actual, value) => actual !== value,
  contains: (actual, value) => actual !== undefined && actual.includes(value),
  // "true if the specified property either does not exist or exists and does not contain the specified string" (TeamCity 2020.1 docs).
  'does-not-contain': (actual, value) => actual === undefined || !actual.includes(value),
};

/** The requirements this agent does not meet, as TeamCity lists them for an incompatible agent; empty when it can run the build. */
export function unmetRequirements(requirements: readonly Requirement[], agentParameters: ReadonlyMap<string, string>): string[] {
  return requirements
    .filter((r) => {
      const check = conditions[r.type];
      return !check || !check(agentParameters.get(r.name), r.value ?? '');
    })
    .map((r) => `${r.name} ${r.type}${r.value === undefined ? '' : ` ${r.value}`}`);
}
