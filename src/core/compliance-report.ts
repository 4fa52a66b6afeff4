/**
 * The compliance report written beside the synth output (pure formatting).
 * @internal
 */
export interface ComplianceReportEntry {
  readonly stack: string;
  readonly ruleId: string;
  /** Construct path or Terraform address. */
  readonly resource: string;
  readonly reason: string;
}

/** @internal */
export interface ComplianceReport {
  readonly engine: string;
  readonly stacks: Array<{ name: string; profile?: string; rulesEvaluated?: number; unacknowledgedFindings: number }>;
  readonly acknowledged: ComplianceReportEntry[];
}

/**
 * Text for one Markdown table cell: a `|` would end the cell and a line break the row (a reason is free text, and a
 * construct id may hold either), so they are written `\|` and `<br>`, and a backslash `\\`. @internal
 */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

/** Markdown: one table of acknowledged findings per stack. @internal */
export function reportMarkdown(r: ComplianceReport): string {
  const lines = [`# Compliance report (${r.engine})`, ''];
  for (const s of r.stacks) {
    const acks = r.acknowledged.filter((a) => a.stack === s.name);
    lines.push(`## ${s.name}`, '');
    lines.push(`Unacknowledged findings: ${s.unacknowledgedFindings}${s.rulesEvaluated !== undefined ? `; rule evaluations: ${s.rulesEvaluated}` : ''}`, '');
    if (acks.length === 0) {
      lines.push('No acknowledged findings.', '');
      continue;
    }
    lines.push('| Rule | Resource | Reason |', '|---|---|---|');
    for (const a of acks) lines.push(`| ${mdCell(a.ruleId)} | ${mdCell(a.resource)} | ${mdCell(a.reason)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
