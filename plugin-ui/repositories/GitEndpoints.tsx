import React from 'react';
import { Button, Field, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { gitHttpsProblem, gitSshProblem, saveEndpoints, SSH_ENDPOINTS, sshChoiceOf, type SshChoice, type WorkflowSettings } from '../project/settings';
import { errorText } from '../ui/task';

const choices: ReadonlyArray<[SshChoice, string]> = [
  ['standard', 'ssh.bitbucket.org (Bitbucket Cloud)'],
  ['port443', 'Port 443: altssh.bitbucket.org, where port 22 is blocked'],
  ['custom', 'Another endpoint'],
];

/** Where new VCS roots point: Bitbucket's endpoints, or ones the admin types and confirms (never what a build reports). */
export function GitEndpoints({ settings, onSaved }: { settings: WorkflowSettings; onSaved: () => void }): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const [choice, setChoice] = React.useState<SshChoice>(sshChoiceOf(settings.gitSsh));
  const [customSsh, setCustomSsh] = React.useState(choice === 'custom' ? settings.gitSsh : '');
  const [customHttps, setCustomHttps] = React.useState(settings.gitHttps);
  const [confirmed, setConfirmed] = React.useState(false);
  const [note, setNote] = React.useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const gitSsh = choice === 'custom' ? customSsh.trim() : SSH_ENDPOINTS[choice];
  const gitHttps = customHttps.trim();
  const custom = choice === 'custom' || gitHttps.replace(/\/+$/, '') !== 'https://bitbucket.org';
  const changed = gitSsh !== settings.gitSsh || gitHttps.replace(/\/+$/, '') !== settings.gitHttps;
  const sshError = choice === 'custom' && customSsh ? gitSshProblem(gitSsh) : null;
  const httpsError = gitHttpsProblem(gitHttps);

  const save = async () => {
    try {
      await saveEndpoints(tc, projectId, { gitSsh, gitHttps });
      setNote({ type: 'success', text: 'Saved: new VCS roots use these endpoints.' });
      setConfirmed(false);
      onSaved();
    } catch (error) {
      setNote({ type: 'error', text: errorText(error) });
    }
  };

  return (
    <fieldset aria-label="Git endpoints">
      <legend className="ra-muted">Git endpoints of new VCS roots</legend>
      <div role="radiogroup" aria-label="Git over SSH">
        {choices.map(([value, label]) => (
          <label key={value} className="ra-choice">
            <input type="radio" name="ra-git-ssh" value={value} checked={choice === value} onChange={() => setChoice(value)} />
            {label}
          </label>
        ))}
      </div>
      {choice === 'custom' ? (
        <Field id="ra-git-ssh-custom" label="SSH endpoint (user@host[:port])" error={sshError ?? undefined}>
          <input type="text" spellCheck={false} value={customSsh} onChange={(event) => setCustomSsh(event.target.value)} />
        </Field>
      ) : null}
      <Field id="ra-git-https" label="HTTPS base URL" error={httpsError ?? undefined} hint="https://bitbucket.org unless you clone through a mirror or a local test server.">
        <input type="text" spellCheck={false} value={customHttps} onChange={(event) => setCustomHttps(event.target.value)} />
      </Field>
      {custom && changed ? (
        <label className="ra-choice">
          <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
          I confirm builds may send their keys and credentials to {gitSsh || 'this endpoint'} and {gitHttps}
        </label>
      ) : null}
      <div className="ra-actions">
        <Button onClick={() => void save()} disabled={!changed || Boolean(httpsError) || Boolean(gitSshProblem(gitSsh)) || (custom && !confirmed)}>
          Save endpoints
        </Button>
      </div>
      {note ? <Message type={note.type}>{note.text}</Message> : null}
    </fieldset>
  );
}
