// What every bench section hands back to bench/run.mjs: figures for results.json and rows for
// the printed table. A section runs in a process of its own (see run.mjs), so that one
// section's heap and JIT state do not colour the next; it writes its result as JSON to the
// file named by its first argument.

import { writeFileSync } from 'node:fs';

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  notes?: string[];
}

export interface SectionResult {
  /** Goes into bench/results.json under the section's name. */
  results: Record<string, unknown>;
  tables: Table[];
}

export function runSection(main: () => Promise<SectionResult>): void {
  const out = process.argv[2];
  main().then((result) => {
    const json = JSON.stringify(result, null, 2);
    if (out) writeFileSync(out, json);
    else console.log(json);
  }, (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = 1;
  });
}

/** `on` when a figure meets its goal, else `MISSED`; a figure that was not measured says so. */
export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not measured';
  return met ? 'met' : 'MISSED';
}
