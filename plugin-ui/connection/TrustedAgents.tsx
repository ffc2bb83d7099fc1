import React from 'react';
import { Button, Field, Message } from '../ui/kit';
import { useRepoAccess } from '../app/context';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Which agents may run the operations build, and so ever hold the management credential and the plain private key. */
export function TrustedAgents(): React.ReactElement {
  const { projectId, tc } = useRepoAccess();
  const [saved, setSaved] = React.useState<string | null>(null);
  const [value, setValue] = React.useState('');
  const [note, setNote] = React.useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    tc.trustedAgentParameter(projectId)
      .then((name) => live && (setSaved(name), setValue(name)))
      .catch((error: unknown) => live && setNote({ type: 'error', text: message(error) }));
    return () => {
      live = false;
    };
  }, [tc, projectId]);

  const save = async () => {
    setBusy(true);
    try {
      await tc.setTrustedAgentParameter(projectId, value.trim());
      setSaved(value.trim());
      setNote({ type: 'success', text: `Saved: the operations build now runs only on agents that define ${value.trim()}.` });
    } catch (error) {
      setNote({ type: 'error', text: message(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="ra-card" aria-labelledby="ra-agents-heading">
      <h3 id="ra-agents-heading">Agents for Repo Access operations</h3>
      <p className="ra-muted">
        The operations build holds the management credential and, while it runs, the new private key. It runs only on agents that are not Windows and
        define this parameter in their buildAgent.properties (for example <code>{saved ?? 'repoaccess.trusted'}=true</code>): keep it to agents that
        never run untrusted builds.
      </p>
      <Field id="ra-trusted-agents" label="Agent parameter of trusted agents">
        <input type="text" spellCheck={false} value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
      <div className="ra-actions">
        <Button onClick={() => void save()} disabled={busy || saved === null || value.trim() === saved}>
          Use this agent parameter
        </Button>
      </div>
      {note ? <Message type={note.type}>{note.text}</Message> : null}
    </section>
  );
}
