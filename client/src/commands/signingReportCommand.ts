// Signing Report: keys, expiry, revocation certificates, what the policy enforces, advice.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { listKeys } from '../gpg/keyring';
import { activePolicyPath, readPolicy, type Policy } from '../signing/policy';
import { loadRegistriesD, registriesDirectory } from '../signing/registriesD';
import { signingReport } from '../signing/signingReport';
import type { SigningDocuments } from '../views/signingDocuments';
import { guarded, type SigningServices } from './signingContext';
import { registerToolCommand } from './toolAccess';

export function registerReportCommand(services: SigningServices,
  documents: SigningDocuments): vscode.Disposable {
  return registerToolCommand(services.log, 'rootguard.signing.report',
    guarded(services, 'Signing Report', async () => {
      const home = os.homedir();
      const keys = await listKeys(services.gpg());
      const policyFile = activePolicyPath(home);
      let policy: Policy | undefined;
      let policyProblem: string | undefined;
      if (fs.existsSync(policyFile)) {
        try {
          policy = readPolicy(policyFile);
        } catch (error) {
          policyProblem = (error as Error).message;
        }
      } else {
        policyProblem = `${policyFile} does not exist`;
      }
      const registries = loadRegistriesD(registriesDirectory(home).directory);
      const text = signingReport({ keys, policy, policyProblem, registries });
      await documents.show('signing-report.md', text);
    }));
}
