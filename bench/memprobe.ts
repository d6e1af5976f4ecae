// Preloaded into the language server by the start-up bench (`node -r`): on SIGUSR2 it
// collects garbage and writes process.memoryUsage() to the file named by
// ROOTGUARD_BENCH_MEM_FILE, so the heap that stays live can be read from outside the process.

import { writeFileSync } from 'node:fs';

const target = process.env.ROOTGUARD_BENCH_MEM_FILE;
if (target) {
  process.on('SIGUSR2', () => {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect) collect();
    writeFileSync(target, JSON.stringify(process.memoryUsage()));
  });
}
