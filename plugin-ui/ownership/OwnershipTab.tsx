import React from 'react';
import { useRepoAccess } from '../project/context';
import { OwnershipSection } from './OwnershipSection';
import { ROOT_PROJECT } from './server-facts';
import { ServerOwnershipSection } from './ServerOwnershipSection';

/** The root project answers for the whole server; any other project for itself and its subprojects. */
export function OwnershipTab(): React.ReactElement {
  const { projectId } = useRepoAccess();
  return projectId === ROOT_PROJECT ? <ServerOwnershipSection /> : <OwnershipSection />;
}
