import { Command, Option } from 'commander';
import { readPassphraseFile } from '../keys/key-files';
import type { KeyType } from '../contract/reports';
import { KEY_TYPES } from '../keys/generate';
import { keygen } from '../operations/keygen';
import { positiveInteger, singleLine } from './parse';
import { reporterFor, withOutputOptions, type OutputOptions } from './options';

interface KeygenFlags extends OutputOptions {
  out: string;
  type: KeyType;
  bits?: number;
  comment?: string;
  passphraseFile?: string;
  sealTo?: string;
}

export function keygenCommand(): Command {
  return withOutputOptions(
    new Command('keygen')
      .description('generate an SSH key pair: PATH (OpenSSH private key, 0600) and PATH.pub')
      .requiredOption('--out <path>', 'private key file to create (never overwritten)')
      .addOption(new Option('--type <type>', 'key type').choices(KEY_TYPES).default('ed25519'))
      .option('--bits <n>', 'ecdsa: 256|384|521; rsa: 3072 or more (default 4096)', positiveInteger('--bits'))
      .option('--comment <text>', 'comment of the public key line', singleLine('--comment'), 'repo-access')
      .option('--passphrase-file <file>', 'encrypt the private key with the passphrase in this file (aes256-ctr)')
      .option('--seal-to <pub>', "seal the private key to a browser's one-time P-256 key: writes PATH.sealed, never PATH"),
  ).action(async (flags: KeygenFlags) => {
    const reporter = reporterFor('keygen', flags);
    const passphrase = flags.passphraseFile === undefined ? undefined : readPassphraseFile(flags.passphraseFile);
    const result = await keygen({ out: flags.out, type: flags.type, bits: flags.bits, comment: flags.comment, passphrase, sealTo: flags.sealTo });
    const written = result.sealedPath ? `sealed private key ${result.sealedPath}` : `private key ${result.privateKeyPath}`;
    reporter.result(result, `${result.fingerprint} (${result.type} ${result.bits})\n${written}\npublic key ${result.publicKeyPath}\n${result.publicKey}`);
  });
}
