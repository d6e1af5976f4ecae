/**
 * Names a hostile repository or user might hand Rootguard: spaces, quotes, `;`, `$()`,
 * backquotes, newlines and leading dashes. None may run anything or turn into an option.
 */
export const HOSTILE_NAMES = ['a b', "it's", '"quoted"', 'a;rm -rf ~', 'x && id', '$(id)',
  '`id`', 'a\nb', 'a\r', '-rm', '--privileged', '--sign-by=x', '', ' ', '../up', 'a|b', 'a>b',
  'tag\u0000', ' nginx', 'nginx ', 'x'.repeat(2000)];
