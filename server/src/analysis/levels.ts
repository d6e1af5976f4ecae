import type { Directive, NginxConfig } from '../nginx/ast';

export interface ConfigLevels {
  mainLevel: Directive[];
  http: Directive | undefined;
  httpLevel: Directive[] | undefined;
}

/**
 * The directives in force at the main and http levels, following `include` one level deep,
 * so that a `pid` or temp path set in an included file counts as set.
 * LIMITATION: includes inside included files are not followed further.
 */
export function configLevels(
  config: NginxConfig,
  resolveInclude: (pattern: string) => NginxConfig[],
): ConfigLevels {
  const expand = (directives: Directive[]): Directive[] => directives.flatMap((d) => {
    const pattern = d.args[0]?.value;
    if (d.name !== 'include' || pattern === undefined) return [d];
    return [d, ...resolveInclude(pattern).flatMap((included) => included.directives)];
  });

  const mainLevel = expand(config.directives);
  const http = config.directives.find((d) => d.name === 'http' && d.block);
  return {
    mainLevel,
    http,
    httpLevel: http?.block ? expand(http.block.children) : undefined,
  };
}
