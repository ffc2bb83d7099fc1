import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { RepoAccessError, usageError, type ExitCode } from '../errors';
import { checkManagementEndpoints } from '../operation/endpoints';
import { planFiles, planOperation, type PlannedStep } from '../operation/plan';
import { SPEC_VARIABLE } from '../contract/operation-spec';
import { parseSpec } from '../operation/spec';
import { reportFailure } from '../output/failure';
import { commandFactories } from './registry';

/** Where the operations build's JSON documents and sealed key land (its artifact rules publish out/**). */
export const OUT_DIR = 'out';


const SPEC_HELP = `
The operation spec (JSON in $${SPEC_VARIABLE}, set by the TeamCity operations build from its
repoaccess.operation parameter) is checked against an allow-list; nothing of it reaches a shell:
  {"v":1,"command":"check"}
  {"v":1,"command":"repos","workspace":"W"}
  {"v":1,"command":"provision","workspace":"W","selections":[{"project":"KEY"},{"repos":["slug",...]}],
   "label":"L","recipient":"<P-256 public key, base64url>","concurrency":8}
  {"v":1,"command":"register","workspace":"W","selections":[...],"label":"L","publicKey":"ssh-ed25519 AAAA... comment"}
  {"v":1,"command":"audit","workspace":"W","selections":[...],"concurrency":8}
  {"v":1,"command":"revoke","workspace":"W","selections":[...],"fingerprint":"SHA256:...","label":"L"}
   (revoke deletes the key with that fingerprint; where a key labelled L has another fingerprint it deletes nothing)
${OUT_DIR}/ is emptied first; each step writes its JSON document there (check.json, repos.json, keygen.json,
register-project-KEY.json / register.json, audit-N.json, revoke-N.json) and provision the sealed key (key.sealed).`;

async function runStep(step: PlannedStep): Promise<void> {
  const command = (await commandFactories[step.command]()).exitOverride();
  try {
    await command.parseAsync([...step.args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw usageError(`the ${step.command} step was refused (${error.message}); this is a bug in the operation plan`);
    throw error;
  }
}

export function operationCommand(): Command {
  return new Command('operation')
    .description(`run the operation described by $${SPEC_VARIABLE} (what the TeamCity operations build runs)`)
    .addHelpText('after', SPEC_HELP)
    .action(async () => {
      const spec = parseSpec(process.env[SPEC_VARIABLE]);
      checkManagementEndpoints();
      // A real agent keeps its checkout folder between builds: never read an earlier run's documents as this one's.
      rmSync(OUT_DIR, { recursive: true, force: true });
      mkdirSync(OUT_DIR, { recursive: true, mode: 0o700 });
      for (const file of planFiles(spec, OUT_DIR)) writeFileSync(file.path, file.content, { mode: 0o600, flag: 'wx' });
      const steps = planOperation(spec, OUT_DIR);
      const failed: ExitCode[] = [];
      for (const step of steps) {
        try {
          await runStep(step);
        } catch (error) {
          if (steps.length === 1) throw error;
          failed.push(reportFailure(error) as ExitCode);
          if (step.stopsOnFailure) break;
        }
      }
      if (failed.length > 0) {
        const code = failed.includes(3) ? 3 : failed.includes(4) ? 4 : failed.includes(2) ? 2 : 1;
        throw new RepoAccessError(`${spec.command}: ${failed.length} of ${steps.length} steps failed (see above); the others are done, run it again to retry`, code);
      }
    });
}
