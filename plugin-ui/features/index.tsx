import type { Section } from '../app/sections';

/** The workflow sections (repositories, keys, ownership…), shown after "Connection". Owned by UI-B. */
export const featureSections: readonly Section[] = [];
