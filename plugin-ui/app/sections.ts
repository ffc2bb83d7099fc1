import type React from 'react';

/** One tab of the Repo Access page. Sections read the project and TeamCity client with useRepoAccess(). */
export interface Section {
  /** Stable, URL-safe: used in element ids and the `#section` of the page URL. */
  readonly id: string;
  readonly title: string;
  readonly Component: React.ComponentType;
}
