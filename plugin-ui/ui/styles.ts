// TeamCity's Ring UI look: 13px system sans, neutral greys, blue primary. Every rule is scoped under .ra.
export const css = `
.ra{font:13px/20px system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,Arial,sans-serif;color:#1f2326;max-width:760px}
.ra h2{font-size:20px;line-height:28px;font-weight:600;margin:0 0 4px}
.ra h3{font-size:14px;line-height:20px;font-weight:600;margin:0 0 8px}
.ra p{margin:0 0 8px}
.ra-muted{color:#737577}
.ra-tabs{display:flex;gap:16px;border-bottom:1px solid #dfe5eb;margin:12px 0 16px}
.ra-tab{background:none;border:0;border-bottom:2px solid transparent;padding:6px 0;font:inherit;color:#1f2326;cursor:pointer}
.ra-tab[aria-selected=true]{border-bottom-color:#008eff;font-weight:600}
.ra-tab:focus-visible,.ra button:focus-visible,.ra input:focus-visible,.ra a:focus-visible{outline:2px solid #80c6ff;outline-offset:1px}
.ra-card{border:1px solid #dfe5eb;border-radius:4px;padding:16px;margin:0 0 16px;background:#fff}
.ra fieldset{border:0;padding:0;margin:0 0 16px;min-width:0}
.ra legend{font-weight:600;padding:0;margin:0 0 8px}
.ra-choice{display:flex;gap:8px;align-items:flex-start;padding:6px 8px;border-radius:4px}
.ra-choice:hover{background:#f7f9fa}
.ra-choice input{margin-top:4px}
.ra-choice[data-disabled=true]{color:#737577}
.ra-badge{display:inline-block;font-size:11px;line-height:16px;padding:0 6px;border-radius:8px;margin-left:6px;vertical-align:1px}
.ra-badge-good{background:#e6f4ea;color:#1b6e2f}
.ra-badge-personal{background:#fff4d6;color:#7a5300}
.ra-badge-gone{background:#fde8e8;color:#a3161e}
.ra-field{display:grid;grid-template-columns:200px 1fr;gap:4px 12px;align-items:start;margin:0 0 12px}
.ra-field label{padding-top:4px}
.ra-field input{font:inherit;height:28px;box-sizing:border-box;padding:0 8px;border:1px solid #b8d1e5;border-radius:3px;width:100%;max-width:360px;background:#fff;color:inherit}
.ra-field input[aria-invalid=true]{border-color:#c22731}
.ra-hint{grid-column:2;font-size:12px;line-height:16px;color:#737577}
.ra-field-error{grid-column:2;font-size:12px;line-height:16px;color:#c22731}
.ra-secret-set{display:flex;gap:8px;align-items:center;min-height:28px}
.ra-actions{display:flex;gap:8px;align-items:center;margin-top:8px}
.ra-button{font:inherit;height:28px;padding:0 14px;border-radius:3px;border:1px solid #b8d1e5;background:#fff;color:#1f2326;cursor:pointer}
.ra-button:hover{background:#f7f9fa}
.ra-button-primary{background:#008eff;border-color:#008eff;color:#fff}
.ra-button-primary:hover{background:#007ee5}
.ra-button:disabled{opacity:.5;cursor:default}
.ra-message{border-radius:4px;padding:8px 12px;margin:8px 0}
.ra-message-error{background:#fff5f5;border:1px solid #f5c2c5;color:#a3161e}
.ra-message-warning{background:#fffaeb;border:1px solid #f5dc9a}
.ra-message-success{background:#f0faf3;border:1px solid #b7e1c3}
.ra-message-message{background:#f5f9ff;border:1px solid #cfe3ff}
.ra-progress{height:4px;background:#dfe5eb;border-radius:2px;overflow:hidden;margin:8px 0 4px;max-width:360px}
.ra-progress>div{height:100%;background:#008eff;transition:width .2s}
`;
