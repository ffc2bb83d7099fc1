// Tables of the workflow sections, in the look of the rest of the tab (scoped under .ra like UI-A's css).
export const tableCss = `
.ra .ra-wf-table{width:100%;border-collapse:collapse;table-layout:auto;margin:8px 0;font-size:12px;line-height:16px}
.ra .ra-wf-table th{text-align:left;font-weight:600;color:#737577;border-bottom:1px solid #dfe5eb;padding:4px 8px 4px 0}
.ra .ra-wf-table td{vertical-align:top;border-bottom:1px solid #f0f2f4;padding:6px 8px 6px 0;overflow-wrap:anywhere}
.ra .ra-wf-table code{font-size:11px;word-break:break-all}
.ra .ra-wf-table button,.ra .ra-wf-table .ra-nowrap{white-space:nowrap;overflow-wrap:normal}
`;
