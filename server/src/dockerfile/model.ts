import type { Span } from '../core/span';
import type { SimpleCommand } from './shell';

/**
 * The typed reading of a Dockerfile that the rules and the image context use. Values are
 * expanded with the ARG and ENV values in force at each instruction, and every value keeps the
 * span it came from.
 */
export interface Value {
  raw: string;
  value: string;
  span: Span;
  /** Variables used without a value the file can know. */
  unresolved: string[];
  /** Variables used, so a fix can follow a value back to where it was defined. */
  used: string[];
}

export interface UserInstruction {
  keywordSpan: Span;
  span: Span;
  value: Value;
}

export interface ExposedPort {
  /** The text of one EXPOSE argument, e.g. `80`, `443/tcp`, `8000-8010`, `$PORT`. */
  value: Value;
  first: number;
  last: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ExposeInstruction {
  span: Span;
  ports: ExposedPort[];
  /** Arguments that are not a port number or range after expansion. */
  malformed: Value[];
}

export interface RunInstruction {
  span: Span;
  /** Commands of the shell form and of heredoc bodies; the exec form gives one command. */
  commands: SimpleCommand[];
  /** The user in force when this RUN executes (the last USER before it, or the base's). */
  buildUser: string | undefined;
  isExecForm: boolean;
}

export interface CopyInstruction {
  keyword: 'COPY' | 'ADD';
  span: Span;
  sources: Value[];
  destination: Value | undefined;
  /** `--from=stage|image`: such sources are not files of the build context. */
  from: string | undefined;
  chown: string | undefined;
  chmod: string | undefined;
  /** The working directory in force, for relative destinations. */
  workdir: string;
}

export interface VariableDefinition {
  name: string;
  /** Span of the value text, for fixes that change a default. */
  valueSpan: Span | undefined;
  value: string | undefined;
  kind: 'ARG' | 'ENV';
}

export interface Stage {
  index: number;
  /** Lower-cased, as BuildKit compares stage names. */
  name: string | undefined;
  fromSpan: Span;
  /** The FROM image after expansion of global ARGs. */
  base: Value;
  /** Index of the stage this one builds on when its FROM names an earlier stage. */
  parentStage: number | undefined;
  /** The whole stage, from its FROM to its last instruction. */
  span: Span;
  users: UserInstruction[];
  exposes: ExposeInstruction[];
  runs: RunInstruction[];
  copies: CopyInstruction[];
  /** CMD, ENTRYPOINT and HEALTHCHECK spans, where a USER fix goes before. */
  firstCommand: Span | undefined;
  healthchecks: { span: Span; words: string[] }[];
  /** ARG and ENV definitions in this stage, last one per name winning. */
  definitions: VariableDefinition[];
  /** ENV values at the end of the stage, inherited by stages built on it. */
  env: Map<string, string | undefined>;
}

export interface DockerfileProblem {
  message: string;
  span: Span;
}

export interface DockerfileModel {
  file: string;
  stages: Stage[];
  /** The default build target: the last stage. */
  target: Stage | undefined;
  /** Global ARGs, declared before the first FROM. */
  globals: VariableDefinition[];
  escape: string;
  comments: { text: string; span: Span }[];
  problems: DockerfileProblem[];
  lineCount: number;
}

/** Stages from the target back through each `FROM <stage>`, nearest first. */
export function targetChain(model: DockerfileModel): Stage[] {
  const chain: Stage[] = [];
  // A Set beside the array: `includes` on the chain grew with the square of its length.
  const seen = new Set<Stage>();
  let stage = model.target;
  while (stage && !seen.has(stage)) {
    chain.push(stage);
    seen.add(stage);
    stage = stage.parentStage === undefined ? undefined : model.stages[stage.parentStage];
  }
  return chain;
}
