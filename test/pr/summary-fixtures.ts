/** Fixtures for the summary-comment tests: a 30-file PR with exactly 135 findings; the unfolded part of a body. */

/** 30 policies in 5 folders: per file an unknown action, a redundant one, iam:PassRole on *; some admin, some s3:*. */
export function thirtyFilePr(): { base: Record<string, string>; head: Record<string, string> } {
  const head: Record<string, string> = {};
  for (let i = 0; i < 30; i++) {
    const st: Record<string, unknown>[] = [
      { Sid: 'Queue', Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObjectt'], Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' },
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: 'arn:aws:s3:::reports/*' },
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ];
    if (i % 6 === 0) st.push({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' });
    if (i % 3 !== 0) st.push({ Sid: 'Bucket', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::exports' });
    const doc: Record<string, unknown> = i % 2 === 0 ? { Version: '2012-10-17', Statement: st } : { Statement: st };
    head[`team${i % 5}/iam/policy-${String(i).padStart(2, '0')}.json`] = JSON.stringify(doc, null, 2) + '\n';
  }
  return { base: { 'README.md': '# infra\n' }, head };
}

/** The lines a reader sees before unfolding anything: those outside every `<details>` (blank lines left out). */
export function unfoldedLines(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of body.split('\n')) {
    const opens = (line.match(/<details>/g) ?? []).length;
    const closes = (line.match(/<\/details>/g) ?? []).length;
    // a <details><summary>…</summary> line is seen (its title) when it opens at the top level
    if (depth === 0 && line.trim() !== '') out.push(line);
    depth += opens - closes;
  }
  return out.filter((l) => !l.startsWith('</details>'));
}
