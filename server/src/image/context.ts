import * as path from 'node:path';
import type { Span } from '../core/span';
import {
  targetChain,
  type DockerfileModel,
  type ExposedPort,
  type ExposeInstruction,
  type Stage,
  type UserInstruction,
} from '../dockerfile/model';
import { baseImageFacts, STOCK_NGINX, type BaseImageFacts, type NginxLayout } from './baseImages';
import { copiedFiles, destinationOf, type CopiedFile } from './copies';
import { copyChanges, runChanges, type PathChange } from './pathChanges';
import { readUserCommands } from './userCommands';
import { isRootUser, parseUserSpec, UserTable } from './users';
import { WritableModel, type RuntimeIdentity } from './writable';

export interface RuntimeUser {
  /** The USER value in force at run time, or the base image's default user. */
  spec: string | undefined;
  identity: RuntimeIdentity;
  /** Where it comes from: the file's USER, the base image's default, or nothing (root). */
  source: 'USER' | 'base' | 'none';
  instruction: UserInstruction | undefined;
  unresolved: string[];
}

export interface ExposedEntry {
  port: ExposedPort;
  expose: ExposeInstruction;
  stage: Stage;
}

/**
 * What the default target image looks like at run time: its user, what its build made
 * writable, the ports it exposes and where the host's files land. Computed once per
 * Dockerfile text and read by every rule and fix.
 */
export interface ImageContext {
  model: DockerfileModel;
  /** The target stage and the stages it builds on, the base-most first. */
  chain: Stage[];
  baseRef: string;
  base: BaseImageFacts;
  users: UserTable;
  runtimeUser: RuntimeUser;
  writable: WritableModel;
  nginx: NginxLayout;
  exposed: ExposedEntry[];
  copied: CopiedFile[];
}

export interface ImageContextOptions {
  /** Patterns of base images the user's settings declare non-root. */
  nonRootBases?: string[];
  /** Host files that may be copied: configs found near the Dockerfile. */
  hostFiles?: string[];
}

export function buildImageContext(model: DockerfileModel, options: ImageContextOptions = {}):
  ImageContext {
  const chain = targetChain(model).reverse();
  const baseRef = chain[0]?.base.value ?? 'scratch';
  const base = baseImageFacts(baseRef, options.nonRootBases);
  const users = new UserTable(base.users);
  const contextDir = path.dirname(model.file);
  const copies = chain.flatMap((s) => s.copies);
  const copied = copiedFiles(copies, contextDir, options.hostFiles ?? []);

  const changes = buildChanges(chain, users, base);
  const runtimeUser = resolveRuntimeUser(chain, base);

  return {
    model, chain, baseRef, base, users, runtimeUser,
    writable: new WritableModel(changes, users),
    nginx: base.nginx ?? STOCK_NGINX,
    exposed: chain.flatMap((stage) => stage.exposes.flatMap((expose) =>
      expose.ports.map((port) => ({ port, expose, stage })))),
    copied,
  };
}

/** Every ownership and mode change of the build, in build order. */
function buildChanges(chain: Stage[], users: UserTable, base: BaseImageFacts): PathChange[] {
  const origin: Span = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const changes: PathChange[] = [
    ...(base.nginx?.writable ?? []).map((p) => ({
      path: p, recursive: true, mode: { owner: true, group: true, other: true }, span: origin,
    })),
    ...(base.nginx?.streamLinks ?? []).map((p) => ({
      path: p, recursive: false, device: true, span: origin,
    })),
    ...(base.nginx?.owned ?? []).map(({ path, owner }) => ({
      path, recursive: false, owner, span: origin,
    })),
  ];
  let buildUser = base.defaultUser ?? 'root';

  for (const stage of chain) {
    const steps = [...stage.runs.map((run) => ({ run, line: run.span.start.line })),
      ...stage.copies.map((copy) => ({ copy, line: copy.span.start.line }))]
      .sort((a, b) => a.line - b.line);
    for (const step of steps) {
      if ('run' in step) {
        const runUser = step.run.buildUser ?? buildUser;
        for (const home of readUserCommands(step.run, users)) {
          changes.push({ path: home.path, recursive: true, owner: home.user,
            group: users.find(home.user)?.group, span: step.run.span });
        }
        changes.push(...runChanges(step.run, parseUserSpec(runUser).user));
      } else {
        const dest = destinationOf(step.copy);
        changes.push(...copyChanges(step.copy, [dest.endsWith('/') ? `${dest}*` : dest]));
      }
    }
    const lastUser = stage.users[stage.users.length - 1];
    if (lastUser) buildUser = lastUser.value.value;
  }
  return changes;
}

function resolveRuntimeUser(chain: Stage[], base: BaseImageFacts): RuntimeUser {
  for (let i = chain.length - 1; i >= 0; i--) {
    const users = chain[i].users;
    const instruction = users[users.length - 1];
    if (!instruction) continue;
    const spec = parseUserSpec(instruction.value.value);
    return {
      spec: instruction.value.value,
      identity: { user: spec.user, group: spec.group, isRoot: isRootUser(spec.user) },
      source: 'USER', instruction, unresolved: instruction.value.unresolved,
    };
  }
  if (base.defaultUser !== undefined) {
    return {
      spec: base.defaultUser,
      identity: { user: base.defaultUser, group: undefined, isRoot: false },
      source: 'base', instruction: undefined, unresolved: [],
    };
  }
  return {
    spec: undefined, identity: { user: 'root', group: 'root', isRoot: true },
    source: 'none', instruction: undefined, unresolved: [],
  };
}
