import React from 'react';
import type { TeamCity } from '../teamcity';

export interface RepoAccessContextValue {
  /** External id of the project whose settings tab this is. */
  readonly projectId: string;
  readonly tc: TeamCity;
}

const RepoAccessContext = React.createContext<RepoAccessContextValue | null>(null);

export function RepoAccessProvider({ value, children }: { value: RepoAccessContextValue; children: React.ReactNode }): React.ReactElement {
  return <RepoAccessContext.Provider value={value}>{children}</RepoAccessContext.Provider>;
}

/** The project and the TeamCity client; every section below the App can use it. */
export function useRepoAccess(): RepoAccessContextValue {
  const value = React.useContext(RepoAccessContext);
  if (!value) throw new Error('useRepoAccess() outside <RepoAccessProvider>');
  return value;
}
