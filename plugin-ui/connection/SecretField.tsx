import React from 'react';
import { Button, FieldNotes } from '../ui/kit';

export interface SecretFieldProps {
  readonly id: string;
  readonly label: string;
  /** null: the stored secret is kept (shown as "set"); a string: the value being entered. */
  readonly value: string | null;
  /** Whether a value is stored, so the entry can go back to keeping it. */
  readonly stored: boolean;
  readonly onChange: (value: string | null) => void;
  readonly hint?: string;
  readonly error?: string | undefined;
}

/** A write-only secret: once stored it is never shown again, only "set" with a Replace action. */
export function SecretField({ id, label, value, stored, onChange, hint, error }: SecretFieldProps): React.ReactElement {
  const input = React.useRef<HTMLInputElement>(null);
  const focusInput = React.useRef(false);
  React.useEffect(() => {
    if (value !== null && focusInput.current) input.current?.focus();
    focusInput.current = false;
  }, [value]);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="ra-field">
      {value === null ? (
        <>
          <span>{label}</span>
          <div className="ra-secret-set">
            <span id={id}>
              <span aria-hidden="true">●●●●●●●● </span>set
            </span>
            <Button
              aria-label={`Replace ${label}`}
              onClick={() => {
                focusInput.current = true;
                onChange('');
              }}
            >
              Replace
            </Button>
          </div>
        </>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <div className="ra-secret-set">
            <input
              ref={input}
              id={id}
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={value}
              onChange={(event) => onChange(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
            />
            {stored ? (
              <Button aria-label={`Keep the current ${label}`} onClick={() => onChange(null)}>
                Keep current
              </Button>
            ) : null}
          </div>
        </>
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
