import type { Finding, Fix } from '../../core/finding';
import type { DockerfileCheck } from '../../analysis/checks';
import { judgeInImage } from '../../analysis/judgement';
import { destinationOf } from '../../image/copies';
import { RG202 } from '../nginx/RG202-pid-unwritable';
import { RG203, unwritableDefaultTempFolders } from '../nginx/RG203-temp-path-unwritable';
import { insertLinesBefore } from '../fixes/textEdits';
import { finding, type DockerfileRule } from '../rule';

const STOCK_CONF = '/etc/nginx/nginx.conf';

/**
 * An image that copies only conf.d fragments runs the base image's own nginx.conf, which
 * keeps nginx's compiled-in pid file and temp folders. Those are judged here, on the FROM
 * line, since no file of the project holds them.
 * LIMITATION: a RUN that edits the stock nginx.conf (sed) is not read.
 */
function stockConfigJudged(input: DockerfileCheck): boolean {
  const { image, configs } = input;
  if (!image.base.shipsNginxConf || configs.some((c) => c.config.isMain)) return false;
  const copiesMain = image.chain.flatMap((s) => s.copies).some((copy) =>
    copy.from === undefined && destinationOf(copy) === STOCK_CONF);
  return !copiesMain && configs.length > 0;
}

/** `RUN …` before the final USER, where the build still runs as root. */
function grantFix(input: DockerfileCheck, title: string, command: string): Fix[] {
  const stage = input.image.chain[input.image.chain.length - 1];
  const user = stage?.users[stage.users.length - 1];
  if (!user) return [];
  return [{ title, safe: true, preferred: true,
    edits: [insertLinesBefore(input.file, input.text, user.span.start.line, [command])] }];
}

export const RG202_STOCK: DockerfileRule = {
  meta: RG202.meta,
  target: 'dockerfile',
  check(input) {
    if (!stockConfigJudged(input)) return [];
    const { image, file, text } = input;
    const judgement = judgeInImage(image, STOCK_CONF, { file, text });
    const path = image.nginx.pid;
    if (judgement.canWrite(path).writable) return [];
    const who = judgement.who.user;
    return [finding(RG202.meta, file, image.chain[0].base.span,
      `The base image's own ${STOCK_CONF} keeps nginx's compiled-in pid file ${path}, which ` +
      `${judgement.whoLabel} cannot write.`, { path, isDefault: true },
      grantFix(input, `Give ${path} to ${who}`,
        `RUN touch ${path} && chown ${who} ${path}`))];
  },
};

export const RG203_STOCK: DockerfileRule = {
  meta: RG203.meta,
  target: 'dockerfile',
  check(input) {
    if (!stockConfigJudged(input)) return [];
    const { image, file, text } = input;
    const judgement = judgeInImage(image, STOCK_CONF, { file, text });
    const folders = unwritableDefaultTempFolders(judgement, new Set()).keys();
    const who = judgement.who.user;
    return [...folders].map((folder): Finding => finding(RG203.meta, file,
      image.chain[0].base.span,
      `The base image's own ${STOCK_CONF} keeps nginx's compiled-in temp folders in ` +
      `${folder}, which ${judgement.whoLabel} cannot write.`, { path: folder, isDefault: true },
      grantFix(input, `Give ${folder} to ${who}`, `RUN mkdir -p ${folder} && ` +
        `chown -R ${who} ${folder}`)));
  },
};
