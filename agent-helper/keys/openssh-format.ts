import type sshpk from 'sshpk';

/**
 * The OpenSSH private key file (never sshpk's default PEM), encrypted with aes256-ctr like ssh-keygen
 * when a passphrase is given (sshpk's gcm output is unreadable to ssh-keygen). Empty passphrase = none.
 */
export function privateKeyText(key: sshpk.PrivateKey, passphrase?: string): string {
  return passphrase ? key.toString('openssh', { passphrase, cipher: 'aes256-ctr' }) : key.toString('openssh');
}

/** The authorized_keys line with the comment (`key.toString('ssh')` would be the private key). */
export function publicKeyLine(key: sshpk.PrivateKey): string {
  return key.toPublic().toString('ssh');
}
