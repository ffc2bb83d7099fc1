import React from 'react';

// A few of TeamCityAPI.Components, in TeamCity's look. The real ones are Ring UI components.

type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { primary?: boolean; danger?: boolean; loader?: boolean };

export function Button({ primary, danger, loader, className, children, ...rest }: ButtonProps) {
  const classes = ['tc-button', primary ? 'tc-button-primary' : '', danger ? 'tc-button-danger' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type="button" {...rest} className={classes} aria-busy={loader || undefined}>
      {children}
    </button>
  );
}

export function ContentPanel({ heading, panelType, children }: { heading?: React.ReactNode; panelType?: string; children?: React.ReactNode }) {
  return (
    <section className={`tc-content-panel ${panelType ?? ''}`.trim()}>
      {heading ? <h2 className="tc-content-panel-heading">{heading}</h2> : null}
      <div className="tc-content-panel-body">{children}</div>
    </section>
  );
}

export const STYLE = `
.tc-button { font: inherit; padding: 3px 12px; border: 1px solid #b8babc; border-radius: 3px; background: #fff; color: #1f2326; cursor: pointer; }
.tc-button:hover { border-color: #737577; }
.tc-button:focus-visible { outline: 2px solid #3d8bd9; outline-offset: 1px; }
.tc-button:disabled { opacity: .5; cursor: default; }
.tc-button-primary { background: #1a5fb4; border-color: #1a5fb4; color: #fff; }
.tc-button-danger { color: #c22d2d; }
.tc-content-panel { border: 1px solid #dfe1e5; border-radius: 4px; margin: 12px 0; }
.tc-content-panel-heading { font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid #dfe1e5; background: #f7f8fa; }
.tc-content-panel-body { padding: 12px; }
`;
