import type { Build, Parameter } from '../model';
import type { BuildLog } from './build-log';
import type { ServiceMessage } from './service-messages';

export function addProblem(build: Build, log: BuildLog, type: string, description: string, identity?: string): void {
  build.problems.push({ type, description, identity: identity ?? `${type}:${build.problems.length + 1}` });
  build.status = 'FAILURE';
  log.line(description, 'E');
}

export interface StatusOverride {
  status?: Build['status'];
  text?: string;
}

/** Applies a service message to the running build; returns what a buildStatus message asks for. */
export function applyServiceMessage(build: Build, log: BuildLog, message: ServiceMessage, params: Map<string, Parameter>): StatusOverride | undefined {
  const a = message.attributes;
  switch (message.name) {
    case 'progressMessage':
    case 'progressStart':
      build.currentStageText = log.mask(message.value ?? a.text ?? '');
      log.line(build.currentStageText);
      return undefined;
    case 'buildProblem':
      addProblem(build, log, a.type ?? 'TC_USER_PROVIDED', log.mask(a.description ?? message.value ?? 'Build problem'), a.identity);
      return undefined;
    case 'buildStatus':
      return { ...(a.status === 'FAILURE' || a.status === 'SUCCESS' ? { status: a.status } : {}), ...(a.text !== undefined ? { text: log.mask(a.text) } : {}) };
    case 'message':
      log.line(a.text ?? '', a.status === 'ERROR' || a.status === 'FAILURE' ? 'E' : a.status === 'WARNING' ? 'W' : 'i');
      return undefined;
    case 'blockOpened':
      log.open(a.name ?? '');
      return undefined;
    case 'blockClosed':
      log.close();
      return undefined;
    case 'setParameter':
      if (a.name) params.set(a.name, { name: a.name, value: a.value ?? '' });
      return undefined;
    case 'buildNumber':
      if (message.value) build.number = message.value;
      return undefined;
    default:
      return undefined;
  }
}
