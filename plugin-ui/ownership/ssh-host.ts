import type { TeamCity } from '../teamcity';
import { movedSshUrl, type Finding } from './classify';

/**
 * Points a VCS root that clones over SSH from bitbucket.org at ssh.bitbucket.org (the same key, path and user);
 * reads the URL TeamCity holds now, so a root changed since the report is judged as it is. Returns the new URL.
 */
export async function moveSshHost(tc: TeamCity, finding: Pick<Finding, 'subject' | 'id' | 'name'>): Promise<string> {
  if (finding.subject !== 'vcs-root') throw new Error(`${finding.name} is not a VCS root.`);
  const url = await tc.vcsRootProperty(finding.id, 'url');
  const moved = movedSshUrl(url);
  if (!moved) throw new Error(`VCS root ${finding.name} already clones from ${url}: nothing to change.`);
  await tc.setVcsRootProperty(finding.id, 'url', moved);
  return moved;
}
