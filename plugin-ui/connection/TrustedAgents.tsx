import React from 'react';
import { Button, Field, Message } from '../ui/kit';
import { useRepoAccess } from '../project/context';
import { useLoad } from '../ui/load';
import { errorText } from '../ui/task';

/** Which agents may run the operations build, and so ever hold the management credential and the plain private key. */
export function TrustedAgents(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const stored = useLoad(React.useCallback(() => tc.trustedAgentParameter(projectId), [tc, projectId]));
  const saved = stored.value ?? null;
  // null until the admin edits it: the field shows the saved name.
  const [edited, setEdited] = React.useState<string | null>(null);
  const value = edited ?? saved ?? '';
  const [note, setNote] = React.useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = React.useState(false);

  const save = async () => {
    setBusy(true);
    try {
      await tc.setTrustedAgentParameter(projectId, value.trim());
      await stored.reload();
      setEdited(null);
      setNote({ type: 'success', text: `Saved: the operations build now runs only on agents that define ${value.trim()}.` });
    } catch (error) {
      setNote({ type: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const shownNote = note ?? (stored.error ? { type: 'error' as const, text: stored.error } : null);

  return (
    <section className="ra-card" aria-labelledby="ra-agents-heading">
      <h3 id="ra-agents-heading">Agents for Repo Access operations</h3>
      <p className="ra-muted">
        The operations build holds the management credential and, while it runs, the new private key. It runs only on agents that are not Windows and
        define this parameter in their buildAgent.properties (for example <code>{saved ?? 'repoaccess.trusted'}=true</code>): keep it to agents that
        never run untrusted builds.
      </p>
      <Field id="ra-trusted-agents" label="Agent parameter of trusted agents">
        <input type="text" spellCheck={false} value={value} onChange={(event) => setEdited(event.target.value)} />
      </Field>
      <div className="ra-actions">
        <Button onClick={() => void save()} disabled={busy || saved === null || value.trim() === saved}>
          Use this agent parameter
        </Button>
      </div>
      {shownNote ? <Message type={shownNote.type}>{shownNote.text}</Message> : null}
    </section>
  );
}
