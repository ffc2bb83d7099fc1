import React from 'react';
import type { AlertType, ButtonProps } from '@jetbrains/teamcity-api';

// Small building blocks: TeamCity's own components where the host provides them, plain HTML otherwise.

export function Button(props: ButtonProps): React.ReactElement {
  const HostButton = typeof window === 'undefined' ? undefined : window.TeamCityAPI?.Components?.Button;
  if (HostButton) return <HostButton type="button" {...props} />;
  const { primary, danger: _danger, loader, children, ...rest } = props;
  return (
    <button type="button" className={primary ? 'ra-button ra-button-primary' : 'ra-button'} aria-busy={loader || undefined} {...rest}>
      {children}
    </button>
  );
}

/** An inline message; errors are announced to screen readers at once. */
export function Message({ type, children }: { type: Exclude<AlertType, 'loading'>; children: React.ReactNode }): React.ReactElement {
  return (
    <div className={`ra-message ra-message-${type}`} role={type === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: React.ReactNode;
  readonly error?: string | undefined;
  /** The control; it receives id, aria-describedby and aria-invalid from here. */
  readonly children: React.ReactElement<React.InputHTMLAttributes<HTMLInputElement>>;
}

/** A field's hint and error, with the ids its control's aria-describedby points at. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: React.ReactNode; error?: React.ReactNode }): React.ReactElement {
  return (
    <>
      {hint ? (
        <div className="ra-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="ra-field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </>
  );
}

/** A labelled form row with its hint and its error. */
export function Field({ id, label, hint, error, children }: FieldProps): React.ReactElement {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="ra-field">
      <label htmlFor={id}>{label}</label>
      {React.cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export interface ConfirmProps {
  /** The group's accessible name, e.g. "Confirm revoking". */
  readonly label: string;
  /** The confirming button's text. */
  readonly confirm: string;
  readonly danger?: boolean;
  readonly busy: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** What would change, named before anything does. */
  readonly children: React.ReactNode;
}

/** Asks before a change: a warning naming what would change, then confirm or cancel. */
export function Confirm({ label, confirm, danger, busy, onConfirm, onCancel, children }: ConfirmProps): React.ReactElement {
  return (
    <div role="group" aria-label={label}>
      <Message type="warning">{children}</Message>
      <div className="ra-actions">
        <Button primary={!danger} danger={danger} onClick={onConfirm} disabled={busy}>
          {confirm}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
