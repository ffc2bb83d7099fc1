import { byId, type Rest } from './rest';

const keysPath = (projectId: string): string => `app/rest/projects/${byId(projectId)}/sshKeys`;

/** Uploads a private key to the project's SSH keys (`POST …/sshKeys?fileName=`, the key as text/plain). */
export async function uploadSshKey(rest: Rest, projectId: string, name: string, privateKey: string): Promise<void> {
  await rest.sendText('POST', `${keysPath(projectId)}?fileName=${encodeURIComponent(name)}`, privateKey, `upload SSH key ${name}`);
}

/** Deletes one uploaded key: TeamCity takes its name in the path (`DELETE …/sshKeys/{name}`); `/sshKeys` itself has no DELETE. */
export async function deleteSshKey(rest: Rest, projectId: string, name: string): Promise<void> {
  await rest.remove(`${keysPath(projectId)}/${encodeURIComponent(name)}`, `delete SSH key ${name}`);
}
