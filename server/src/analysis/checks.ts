import type { DockerfileModel } from '../dockerfile/model';
import type { ImageContext } from '../image/context';
import type { NginxLayout } from '../image/baseImages';
import type { RuntimeIdentity, WriteVerdict } from '../image/writable';
import type { Directive, NginxConfig } from '../nginx/ast';

/** What a Dockerfile rule reads: the file, its model, its image, the configs it copies in. */
export interface DockerfileCheck {
  file: string;
  text: string;
  model: DockerfileModel;
  image: ImageContext;
  configs: PlacedConfig[];
}

/** An nginx config file and, when a Dockerfile copies it, where it lands in the image. */
export interface PlacedConfig {
  file: string;
  text: string;
  config: NginxConfig;
  imagePath: string | undefined;
}

/**
 * How an nginx config is judged: inside the image a Dockerfile copies it into, or, with no
 * Dockerfile, as run by a non-root user on a stock layout where only /tmp is writable.
 */
export interface NginxJudgement {
  image: ImageContext | undefined;
  imagePath: string | undefined;
  /** The non-root user the config is judged for. */
  who: RuntimeIdentity;
  /** Words for messages: "user nginx", "a non-root user". */
  whoLabel: string;
  /** Added to messages to say on what grounds the config was judged. */
  basis: string;
  layout: NginxLayout;
  canWrite(path: string): WriteVerdict;
  /** The other files of the image, for fixes that edit both (the Dockerfile's EXPOSE). */
  dockerfile: { file: string; text: string } | undefined;
}

export interface NginxCheck {
  file: string;
  text: string;
  config: NginxConfig;
  /** This config as placed in the image, for fixes shared with Dockerfile rules. */
  self: PlacedConfig;
  judgement: NginxJudgement;
  /** Top-level directives, with those of files included at top level. */
  mainLevel: Directive[];
  /** The directives of the `http` block, with those of files included there. */
  httpLevel: Directive[] | undefined;
  /** The `http` block directive itself, where default fixes insert. */
  http: Directive | undefined;
}
