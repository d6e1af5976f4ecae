import type { Finding } from '../../core/finding';
import type { RuleMeta } from '../rule';

/**
 * Not a check of content: the analysis reports it instead of running the other rules on a
 * file over the size limit, so a huge generated file never stalls the editor.
 */
export const RG003_META: RuleMeta = {
  id: 'RG003',
  title: 'File too large to check',
  severity: 'info',
  fixable: false,
  docs: {
    what: 'The file is larger than the `rootguard.maxFileSizeKb` limit, so Rootguard did not ' +
      'check it.',
    why: 'Dockerfiles and nginx configs are small; a file of several megabytes is usually ' +
      'generated or not a config at all, and checking it on every keystroke would slow the ' +
      'editor.',
    bad: {},
    fix: 'Raise `rootguard.maxFileSizeKb` (or `--max-size` on the command line) if the file ' +
      'really is a config to check.',
    good: {},
  },
};

export function tooLarge(file: string, bytes: number, limit: number): Finding {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    rule: RG003_META.id, severity: RG003_META.severity, file, data: {}, fixes: [],
    span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Not checked: this file is ${mb(bytes)}, over the ${mb(limit)} limit ` +
      `(rootguard.maxFileSizeKb).`,
  };
}
