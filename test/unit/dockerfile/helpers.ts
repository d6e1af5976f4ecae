import assert from 'node:assert/strict';
import type { DockerfileModel, Stage } from '../../../server/src/dockerfile/model';
import { parseDockerfile } from '../../../server/src/dockerfile/parse';
import type { SimpleCommand } from '../../../server/src/dockerfile/shell';
import { at } from '../../helpers/spans';

export function parse(text: string): DockerfileModel {
  return parseDockerfile(text, '/project/Dockerfile');
}

/** The default build target of a text that must have one. */
export function target(text: string): Stage {
  return parse(text).target ?? assert.fail('no target stage');
}

/** Each command as `word@span` strings, the form the sudo and writable readers see. */
export function commands(list: SimpleCommand[]): string[][] {
  return list.map((command) => command.words.map((w) => `${w.value}@${at(w.span)}`));
}

/** The commands of every RUN of the target stage, in order. */
export function runCommandsOf(text: string): string[][] {
  return target(text).runs.flatMap((run) => commands(run.commands));
}
