import { accessSync, constants } from 'node:fs';
import { usageError } from '../errors';

// Bitbucket's published host keys (https://bitbucket.org/site/ssh; blog "ssh-host-key-changes", 2023; ssh-keygen -lf gives
// ED25519 SHA256:ybgmFkzwOSotHTHLJgHO0QN8L0xErw6vd0VhFA9m3SM, ECDSA SHA256:FC73VB6C4OQLSCrjEayhMp9UMxS97caD/Yyi2bhW/J0,
// RSA SHA256:46OSHA1Rmj8E8ERTC6xkNcmGOw9oFxYr0WF6zWW8l1E), pinned for every name git over SSH is served under:
// ssh.bitbucket.org (the new host), altssh.bitbucket.org on port 443, and bitbucket.org until it stops serving SSH.
const HOST_KEYS = [
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO',
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPIQmuzMBuKdWeF4+a2sjSSpBK0iqitSQ+5BM9KhpexuGt20JpTVM7u5BDZngncgrqDMbWdxMWWOGtZ9UgbqgZE=',
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDQeJzhupRu0u0cdegZIa8e86EG2qOCsIsD1Xw0xSeiPDlCr7kq97NLmMbpKTX6Esc30NuoqEEHCuc7yWtwp8dI76EEEB1VqY9QJq6vk+aySyboD5QF61I/1WeTwu+deCbgKMGbUijeXhtfbxSxm6JwGrXrhBdofTsbKRUsrN1WoNgUa8uqN1Vx6WAJw1JHPhglEGGHea6QICwJOAr/6mrui/oB7pkaWKHj3z7d1IC4KWLtY47elvjbaTlkN04Kc/5LFEirorGYVbt15kAUlqGM65pk6ZBxtaO3+30LVlORZkxOh+LKL/BvbZ/iRNhItLqNyieoQj/uh/7Iv4uyH/cV/0b4WDSd3DptigWq84lJubb9t/DnZlrJazxyDCulTmKdOR7vs9gMTo+uoIrPSb8ScTtvw65+odKAlBj59dhnVp9zd7QUojOpXlL62Aw56U4oO+FALuevvMjiWeavKhJqlR7i5n9srYcrNV7ttmDw7kf/97P5zauIhxcjX+xHv4M=',
];
export const BITBUCKET_SSH_HOSTS = ['ssh.bitbucket.org', '[altssh.bitbucket.org]:443', 'bitbucket.org'];
export const BITBUCKET_KNOWN_HOSTS = HOST_KEYS.map((key) => `${BITBUCKET_SSH_HOSTS.join(',')} ${key}`).join('\n');

/** BITBUCKET_KNOWN_HOSTS must name a readable file: a typo must not silently fall back to the built-in keys. */
export function checkKnownHostsFile(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw usageError(`BITBUCKET_KNOWN_HOSTS names a file that cannot be read: ${file}; point it at a known_hosts file`);
  }
}
