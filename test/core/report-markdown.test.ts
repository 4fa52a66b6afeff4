/**
 * The Markdown reports keep one table row per entry whatever the text: an acknowledgement's reason is free text and a
 * construct id may hold `|` or a line break.
 */
import { mdCell, reportMarkdown } from '../../src/core/compliance-report';
import { costReportMarkdown } from '../../src/core/cost-report';

/** The cells of a Markdown table row, split as GitHub splits them (on `|` not preceded by a backslash). */
function cells(row: string): string[] {
  return row.replace(/^\| | \|$/g, '').split(/(?<!\\) \| /);
}

describe('Markdown reports', () => {
  test('a reason with pipes, line breaks and backslashes stays in its cell of its row', () => {
    const reason = 'Public API | behind IP allow-list\nuntil NET-42\r\nlands; path C:\\ops\\|x';
    const md = reportMarkdown({
      engine: 'cdktf',
      stacks: [{ name: 'az', rulesEvaluated: 3, unacknowledgedFindings: 0 }],
      acknowledged: [{ stack: 'az', ruleId: 'CKV_AZURE_115', resource: 'azurerm_kubernetes_cluster.a|b', reason }],
    });
    const rows = md.split('\n').filter((l) => l.startsWith('| CKV_AZURE_115'));
    expect(rows).toHaveLength(1);
    expect(cells(rows[0])).toEqual(['CKV_AZURE_115', 'azurerm_kubernetes_cluster.a\\|b', 'Public API \\| behind IP allow-list<br>until NET-42<br>lands; path C:\\\\ops\\\\\\|x']);
  });

  test('cost report rows keep their columns for construct paths holding | or a line break', () => {
    const md = costReportMarkdown({
      currency: 'USD',
      hoursPerMonth: 730,
      constructs: [{ path: 'S/a|b/Ep\nx', kind: 'InferenceEndpoint', cloud: 'aws', monthlyUsdLow: 1, monthlyUsdHigh: 2, unpriced: ['a | b'] } as any],
      tenants: [],
      totals: { monthlyUsdLow: 1, monthlyUsdHigh: 2, unpriced: 1 },
      stacks: [{ stack: 'S', monthlyUsdLow: 1, monthlyUsdHigh: 2, unpriced: 1 }],
    });
    const row = md.split('\n').find((l) => l.startsWith('| S/a'))!;
    expect(cells(row)).toEqual(['S/a\\|b/Ep<br>x', 'InferenceEndpoint', 'aws', '', '$1.00', '$2.00', 'a \\| b']);
  });

  test('plain text is unchanged', () => {
    expect(mdCell('Tenant data is encrypted with the tenant key (HIPAA 164.312(a)(2)(iv))')).toBe('Tenant data is encrypted with the tenant key (HIPAA 164.312(a)(2)(iv))');
  });
});
