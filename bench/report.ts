/** What the benchmarks share to read their sizes and print their figures. */

/** A size read from the environment (e.g. BENCH_LETTERS), or the default; a bad value exits before anything starts. */
export function countFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`[bench] ${name} must be a whole number of 1 or more, not "${value}"\n`);
    process.exit(1);
  }
  return count;
}

/** The p-th percentile (nearest rank) of values sorted in ascending order. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Columns padded to their widest cell, the first left-aligned and the others right-aligned, under a rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const format = (row: string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ').trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('   '), ...rows.map(format)].join('\n');
}

export const ms = (milliseconds: number): string => `${Math.round(milliseconds)} ms`;
export const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
