/**
 * The concerns document a new project starts with: the sections of the get-shit-done (GSD)
 * codebase map's CONCERNS.md, each empty, and the entry format in a comment.
 */
export function concernsTemplate(date: string): string {
  const section = (title: string, hint: string) => `## ${title}\n\n<!-- ${hint} -->\n\nNone detected.\n`;
  return [
    '# Codebase Concerns',
    '',
    `**Analysis Date:** ${date}`,
    '',
    '<!--',
    'One entry per concern, under its section. Replace "None detected." with entries like:',
    '',
    '**Short title of the concern:**',
    '- Issue: what is wrong (or Risk: / Problem:)',
    '- Files: `path/to/file.ts` (lines 10-20), `path/to/other.ts`',
    '- Impact: what breaks or degrades',
    '- Fix approach: how to address it',
    '',
    'Mark a fixed concern by adding (RESOLVED) after its title.',
    '-->',
    '',
    section('Tech Debt', 'Shortcuts, workarounds, code that is hard to change. Fields: Issue, Files, Impact, Fix approach'),
    section('Known Bugs', 'Fields: Symptoms, Files, Trigger, Workaround'),
    section('Security Considerations', 'Fields: Risk, Files, Current mitigation, Recommendations'),
    section('Performance Bottlenecks', 'Fields: Problem, Files, Cause, Improvement path'),
    section('Fragile Areas', 'Fields: Files, Why fragile, Safe modification, Test coverage'),
    section('Scaling Limits', 'Fields: Current capacity, Limit, Scaling path'),
    section('Dependencies at Risk', 'Fields: Risk, Impact, Migration plan'),
    section('Missing Critical Features', 'Fields: Problem, Blocks'),
    section('Test Coverage Gaps', 'Fields: What is not tested, Files, Risk, Priority'),
    '---',
    '',
    `*Concerns audit: ${date}*`,
    '*Update as issues are fixed or new ones discovered*',
    '',
  ].join('\n');
}
