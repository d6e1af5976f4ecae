// Rootguard: Build Image — `podman build` of a Dockerfile with its folder as the context, the
// output in the log, progress with cancel (which stops podman), and the failing step named.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildImage, describeFailure, type BuildFailure } from '../podman/build';
import { checkImageReference, nameFromFolder } from '../podman/reference';
import type { PodmanServices } from './podmanContext';

const TAG_KEY = 'rootguard.buildTag.';

/** The tag last built for a Dockerfile, or `localhost/<folder>:latest`. */
export function rememberedTag(services: PodmanServices, dockerfile: vscode.Uri): string {
  return services.state.get<string>(TAG_KEY + dockerfile.fsPath) ??
    `localhost/${nameFromFolder(path.basename(path.dirname(dockerfile.fsPath)))}:latest`;
}

export async function buildImageCommand(services: PodmanServices, uri?: vscode.Uri):
  Promise<void> {
  const dockerfile = await services.dockerfile(uri);
  if (!dockerfile) return;
  const tag = await vscode.window.showInputBox({
    title: `Build ${vscode.workspace.asRelativePath(dockerfile)}`,
    prompt: 'Image tag',
    value: rememberedTag(services, dockerfile),
    validateInput: (value) => validationMessage(() => checkImageReference(value.trim())),
  });
  if (tag === undefined) return;
  await services.state.update(TAG_KEY + dockerfile.fsPath, tag.trim());

  const { log } = services;
  log.show(true);
  try {
    const result = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: `podman build ${tag.trim()}`,
    }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return buildImage(services.podman(), {
        dockerfile: dockerfile.fsPath, tag: tag.trim(), signal: abort.signal,
        onOutput: (text) => {
          for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
            log.info(`build: ${line}`);
            const step = /^STEP (\d+\/\d+): (.*)$/.exec(line);
            if (step) progress.report({ message: `step ${step[1]}: ${step[2].slice(0, 60)}` });
          }
        },
      });
    });
    if (result.ok) {
      log.info(`Built ${tag.trim()} (${result.imageId ?? 'id unknown'}).`);
      const next = await vscode.window.showInformationMessage(`Built ${tag.trim()}.`,
        'Run Hardened');
      if (next) await vscode.commands.executeCommand('rootguard.runHardened', dockerfile);
    } else if (result.failure) {
      await reportFailure(services, dockerfile, result.failure);
    }
  } catch (error) {
    services.showError(error);
  }
}

async function reportFailure(services: PodmanServices, dockerfile: vscode.Uri,
  failure: BuildFailure): Promise<void> {
  const message = describeFailure(failure);
  services.log.error(message);
  const choice = await vscode.window.showErrorMessage(message, 'Go to Step', 'Show Log');
  if (choice === 'Show Log') services.log.show();
  if (choice !== 'Go to Step' || !failure.instruction) return;

  // podman prints the instruction as written, so its first line finds it in the file.
  const document = await vscode.workspace.openTextDocument(dockerfile);
  const needle = failure.instruction.split('\n')[0].trim().slice(0, 60);
  const offset = document.getText().indexOf(needle);
  const editor = await vscode.window.showTextDocument(document);
  if (offset >= 0) {
    const position = document.positionAt(offset);
    editor.selection = new vscode.Selection(position, document.lineAt(position.line).range.end);
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
  }
}

/** The message of a validation error, for an input box; undefined when the value is fine. */
export function validationMessage(validate: () => unknown): string | undefined {
  try {
    validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
