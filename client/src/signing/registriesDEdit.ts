// A user registries.d entry telling `podman push --sign-by` where to write signatures
// (`lookaside-staging`) for a registry that has no location configured.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document } from 'yaml';
import { checkDockerScope } from './policyEdit';

export interface RegistriesEntryProposal {
  file: string;
  text: string;
  /** Shown with the proposal: what it does and what it implies. */
  explanation: string;
}

/**
 * A new file `rootguard-<scope>.yaml` in the user's registries.d. When that folder does not
 * exist yet, creating it makes podman ignore /etc/containers/registries.d — say so.
 */
export function stagingEntryProposal(userDirectory: string, scope: string, stagingDir: string,
  userDirectoryExists: boolean, systemFiles: string[]): RegistriesEntryProposal {
  const problem = checkDockerScope(scope);
  if (problem) throw new Error(problem);
  const staging = pathToFileURL(stagingDir).href;
  const document = new Document({ docker: { [scope]: { 'lookaside-staging': staging } } });
  document.commentBefore = ` Written by Rootguard: where podman push --sign-by writes signatures ` +
    `for ${scope}.\n Publish this folder on a web server and add "lookaside: https://…" so ` +
    'that others can verify.';
  const text = document.toString({ lineWidth: 0 });
  const shadowing = !userDirectoryExists && systemFiles.length > 0
    ? ` Creating ${userDirectory} makes podman stop reading /etc/containers/registries.d ` +
      `(${systemFiles.map((f) => path.basename(f)).join(', ')}); copy what you need from there.`
    : '';
  return {
    file: path.join(userDirectory, `rootguard-${fileSafe(scope)}.yaml`),
    text,
    explanation: `Signatures of images pushed to ${scope} will be written under ${stagingDir}.` +
      shadowing,
  };
}

function fileSafe(scope: string): string {
  return scope.replace(/[^a-zA-Z0-9.-]+/g, '_').slice(0, 100);
}
