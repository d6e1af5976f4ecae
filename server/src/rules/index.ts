import type { DockerfileRule, NginxRule, RuleMeta } from './rule';
import { RG001 } from './general/RG001-nginx-syntax';
import { RG002 } from './general/RG002-dockerfile-structure';
import { RG003_META } from './general/RG003-file-too-large';
import { RG101 } from './dockerfile/RG101-runs-as-root-by-default';
import { RG102 } from './dockerfile/RG102-user-is-root';
import { RG103 } from './dockerfile/RG103-user-unresolved';
import { RG104 } from './dockerfile/RG104-privileged-expose';
import { RG105 } from './dockerfile/RG105-sudo-in-run';
import { RG301 } from './dockerfile/RG301-expose-listen-mismatch';
import { RG202_STOCK, RG203_STOCK } from './dockerfile/stock-nginx-conf';
import { RG201 } from './nginx/RG201-privileged-listen';
import { RG202 } from './nginx/RG202-pid-unwritable';
import { RG203 } from './nginx/RG203-temp-path-unwritable';
import { RG204 } from './nginx/RG204-log-unwritable';
import { RG205 } from './nginx/RG205-user-directive';

export const DOCKERFILE_RULES: DockerfileRule[] = [RG002, RG101, RG102, RG103, RG104, RG105,
  RG301, RG202_STOCK, RG203_STOCK];
export const NGINX_RULES: NginxRule[] = [RG001, RG201, RG202, RG203, RG204, RG205];

/** Every rule's metadata, in id order: for docs, hover, SARIF and settings. */
export const ALL_RULES: RuleMeta[] = [...new Set([...DOCKERFILE_RULES, ...NGINX_RULES]
  .map((rule) => rule.meta))]
  .concat(RG003_META)
  .sort((a, b) => a.id.localeCompare(b.id));

export function ruleMeta(id: string): RuleMeta | undefined {
  return ALL_RULES.find((meta) => meta.id === id);
}
