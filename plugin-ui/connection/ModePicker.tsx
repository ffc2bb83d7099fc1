import React from 'react';
import { appPasswordRetired, modes, type Mode } from '../project/modes';

export interface ModePickerProps {
  readonly value: Mode | null;
  readonly onChange: (mode: Mode) => void;
  readonly error?: string | undefined;
}

/** The way in, as a radio group; the retired app password is listed, disabled, with the way out. */
export function ModePicker({ value, onChange, error }: ModePickerProps): React.ReactElement {
  return (
    <fieldset aria-describedby={error ? 'ra-mode-error' : undefined}>
      <legend>How builds reach Bitbucket</legend>
      {modes.map((info) => (
        <label key={info.mode} className="ra-choice">
          <input type="radio" name="ra-mode" value={info.mode} checked={value === info.mode} onChange={() => onChange(info.mode)} />
          <span>
            <strong>{info.title}</strong>
            <span className={info.personal ? 'ra-badge ra-badge-personal' : 'ra-badge ra-badge-good'}>{info.personal ? 'personal' : 'not tied to a person'}</span>
            <br />
            <span className="ra-muted">{info.summary}</span>
          </span>
        </label>
      ))}
      <label className="ra-choice" data-disabled="true">
        <input type="radio" name="ra-mode" value="app-password" disabled aria-describedby="ra-app-password-why" />
        <span>
          <strong>{appPasswordRetired.title}</strong>
          <span className="ra-badge ra-badge-gone">retired</span>
          <br />
          <span id="ra-app-password-why">{appPasswordRetired.summary}</span>
        </span>
      </label>
      {error ? (
        <div className="ra-field-error" id="ra-mode-error">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
