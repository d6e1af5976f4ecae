// Image commands: Sign and Push, Verify Image Signature, and the detail view of a verdict.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { keyringPublicKeys } from '../gpg/keyring';
import { listLocalImages, type LocalImage } from '../podman/inspect';
import { signAndPush } from '../podman/push';
import { formatReference, parseDockerReference } from '../podman/reference';
import {
  builtInLookaside, loadRegistriesD, lookasideFor, registriesDirectory, SYSTEM_REGISTRIES_D,
  userRegistriesD,
} from '../signing/registriesD';
import { stagingEntryProposal } from '../signing/registriesDEdit';

import { verifyImage, type ImageReport, type VerifyImageRequest } from '../signing/verifyImage';
import { writeFileSafely } from '../system/safeWrite';
import type { ImageItem, ImagesTreeProvider } from '../views/imagesTree';
import { imageReportMarkdown, type SigningDocuments } from '../views/signingDocuments';
import { chooseKey } from './signingKeys';
import { guarded, type SigningServices } from './signingContext';
import { registerToolCommand } from './toolAccess';

/** Verification as the editor does it: settings' keys, keyring keys to name signers. */
export async function verifyFromEditor(services: SigningServices, reference: string,
  extra: Partial<VerifyImageRequest> = {}): Promise<ImageReport> {
  const knownKeys = await keyringPublicKeys(services.gpg()).catch(() => []);
  return verifyImage({ reference, keyFiles: services.trustedKeyFiles(), knownKeys,
    skopeoPath: services.skopeoPath(), log: (line) => services.log.info(line), ...extra });
}

/** For the Images view: a digest podman learnt from the registry saves a registry request. */
export function verifyLocalImage(services: SigningServices) {
  return (reference: string, image: LocalImage): Promise<ImageReport> => {
    const repository = reference.replace(/[:@][^/]*$/, '');
    const known = image.repoDigests.find((d) => d.startsWith(`${repository}@sha256:`));
    return verifyFromEditor(services, reference, { localDigest: image.digest,
      ...(known ? { digest: known.slice(repository.length + 1) } : {}) });
  };
}

export function registerImageCommands(services: SigningServices, documents: SigningDocuments,
  images: ImagesTreeProvider): vscode.Disposable[] {
  const showReport = async (report: ImageReport): Promise<void> => {
    await documents.show(`${report.reference.replace(/[/:@]/g, '_')}.signatures.md`,
      imageReportMarkdown(report));
  };
  return [
    registerToolCommand(services.log, 'rootguard.signing.verifyImage',
      guarded(services, 'Verify Image Signature', async (item?: ImageItem) => {
        const reference = item?.reference ?? await vscode.window.showInputBox({
          title: 'Verify Image Signature', prompt: 'Image reference',
          placeHolder: 'registry.example.com/team/app:1.0', validateInput: referenceProblem });
        if (!reference) return;
        const report = await vscode.window.withProgress({ location:
          vscode.ProgressLocation.Notification, title: `Verifying ${reference}` },
        () => verifyFromEditor(services, reference.trim(), item ? { localDigest:
          item.image.digest } : {}));
        images.remember(report);
        await showReport(report);
      })),
    vscode.commands.registerCommand('rootguard.signing.showSignatureDetails',
      guarded(services, 'Signature Details', async (item?: ImageItem) => {
        const report = item?.report ?? (item && images.reportFor(item.reference));
        if (report) await showReport(report);
      })),
    registerToolCommand(services.log, 'rootguard.signing.signAndPush',
      guarded(services, 'Sign and Push Image', (item?: ImageItem) =>
        signAndPushCommand(services, documents, images, item))),
  ];
}

async function signAndPushCommand(services: SigningServices, documents: SigningDocuments,
  images: ImagesTreeProvider, item?: ImageItem): Promise<void> {
  const source = item?.reference ?? await pickLocalImage(services);
  if (!source) return;
  const suggested = source.startsWith('localhost/') ? '' : source;
  const destinationText = await vscode.window.showInputBox({ title: `Sign and Push ${source}`,
    prompt: 'Destination reference (registry/repository:tag)', value: suggested,
    validateInput: referenceProblem });
  if (!destinationText) return;
  const destination = parseDockerReference(destinationText.trim());

  const configured = services.signingKey();
  const fingerprint = configured ??
    (await chooseKey(services, undefined, 'Key to sign with', true))?.fingerprint;
  if (!fingerprint) return;
  if (!await ensureStagingLocation(services, documents, destination)) return;

  const destinationName = formatReference(destination);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification,
    title: `Pushing and signing ${destinationName}` },
  () => signAndPush(services.podman(), source, destination, fingerprint));
  services.log.info(`Pushed ${source} to ${destinationName}, signed by ${fingerprint}.`);

  // Right after pushing, the signature is where podman wrote it: the staging location.
  const report = await verifyFromEditor(services, destinationName, { staging: true });
  images.remember(report);
  const choice = await vscode.window.showInformationMessage(`Pushed ${destinationName}. ` +
    `Signature check: ${report.verdict} — ${report.reason}`, 'Show Details');
  if (choice) await documents.show(`${destinationName.replace(/[/:@]/g, '_')}.signatures.md`,
    imageReportMarkdown(report));
}

/**
 * Offers a user registries.d entry when nothing but the built-in default says where podman
 * writes signatures for this registry. Returns false when the user cancels.
 */
async function ensureStagingLocation(services: SigningServices, documents: SigningDocuments,
  destination: ReturnType<typeof parseDockerReference>): Promise<boolean> {
  const home = os.homedir();
  const { directory, isUser } = registriesDirectory(home);
  const location = lookasideFor(loadRegistriesD(directory), destination, true);
  if (location.scope !== 'built-in default') return true;

  const stagingDir = builtInLookaside(undefined, home).replace(/^file:\/\//, '');
  const proposal = stagingEntryProposal(userRegistriesD(home), destination.domain, stagingDir,
    isUser, isUser ? [] : loadRegistriesD(SYSTEM_REGISTRIES_D).files);
  const choice = await vscode.window.showInformationMessage(`No registries.d entry says where ` +
    `signatures for ${destination.domain} go; podman would use ${location.url}. Add an entry?`,
  'Show Entry…', 'Push Without');
  if (choice === 'Push Without') return true;
  if (choice !== 'Show Entry…') return false;
  await documents.show(`proposed/${proposal.file.split('/').pop() ?? 'entry.yaml'}`, proposal.text);
  const answer = await vscode.window.showWarningMessage(`Write ${proposal.file}?`,
    { modal: true, detail: proposal.explanation }, 'Write');
  if (answer !== 'Write') return false;
  const written = await writeFileSafely(proposal.file, proposal.text, {
    confirmOverwrite: async (file) => await vscode.window.showWarningMessage(`${file} exists. ` +
      'Replace it? A backup is kept.', { modal: true }, 'Replace') === 'Replace',
  });
  fs.mkdirSync(stagingDir, { recursive: true, mode: 0o755 });
  services.log.info(`registries.d: ${written.written ? 'wrote' : 'kept'} ${proposal.file}`);
  return true;
}

async function pickLocalImage(services: SigningServices): Promise<string | undefined> {
  const images = await listLocalImages(services.podman());
  const names = images.flatMap((image) => image.names);
  if (names.length === 0) {
    void vscode.window.showInformationMessage('podman has no named local images to push.');
    return undefined;
  }
  return vscode.window.showQuickPick(names, { placeHolder: 'Image to sign and push' });
}

function referenceProblem(value: string): string | undefined {
  try {
    parseDockerReference(value.trim());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
