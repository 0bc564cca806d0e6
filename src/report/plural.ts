/** `1 finding`, `2 findings`; `plural(n, 'policy', 'policies')` for irregular plurals. */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : (pluralForm ?? `${singular}s`)}`;
}
