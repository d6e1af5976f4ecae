// What every command that runs a program shares: the settings that name the programs (all
// machine-scoped in package.json, so a workspace cannot point them at its own binary or add
// arguments), and the workspace-trust gate in front of each such command.
import * as vscode from 'vscode';
import type { PodmanOptions } from '../podman/podman';
import {
  MANAGE_TRUST, mayRunPrograms, TOOL_COMMANDS, type ToolCommand,
} from './workspaceTrust';

export function setting<T>(section: string, name: string, fallback: T): T {
  return vscode.workspace.getConfiguration(section).get<T>(name) ?? fallback;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** podman as the settings name it, logging every command to the Rootguard log. */
export function podmanFromSettings(log: vscode.LogOutputChannel): PodmanOptions {
  return {
    path: setting('rootguard.podman', 'path', 'podman') || 'podman',
    globalArgs: strings(setting<unknown>('rootguard.podman', 'globalArgs', [])),
    log: (line) => log.info(line),
  };
}

/**
 * False in an untrusted workspace, after telling the user why (in a notification that offers
 * to manage trust, and in the log, for whoever wonders later why nothing happened).
 */
export function mayRunTools(what: string, log: vscode.LogOutputChannel): boolean {
  return mayRunPrograms(vscode.workspace, what, (explanation) => {
    log.warn(explanation);
    void vscode.window.showWarningMessage(explanation, MANAGE_TRUST).then((choice) =>
      choice && vscode.commands.executeCommand('workbench.trust.manage'));
  });
}

/** Registers a command that runs programs: in an untrusted workspace it only explains. */
export function registerToolCommand<A extends unknown[]>(log: vscode.LogOutputChannel,
  id: ToolCommand, body: (...args: A) => Promise<void>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    if (mayRunTools(TOOL_COMMANDS[id], log)) await body(...args);
  });
}
