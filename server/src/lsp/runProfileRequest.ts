import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { analyzeImage } from '../analysis/analyze';
import { runProfile, type RunProfile } from '../image/runProfile';
import { pathOf } from './convert';
import type { Session } from './session';

/** The custom request the client sends for a Dockerfile's hardened run profile. */
export const RUN_PROFILE_REQUEST = 'rootguard/runProfile';

export interface RunProfileParams {
  uri: string;
}

/**
 * Answers `rootguard/runProfile` from the same analysis the diagnostics come from, with the
 * editor's unsaved text, so the client never parses a Dockerfile itself.
 */
export function registerRunProfileRequest(connection: Connection, session: Session): void {
  connection.onRequest(RUN_PROFILE_REQUEST, (params: RunProfileParams): RunProfile => {
    const file = typeof params?.uri === 'string' ? pathOf(params.uri) : undefined;
    const text = file === undefined ? undefined : session.workspace.read(file);
    if (file === undefined || text === undefined) {
      throw new ResponseError(1, `Rootguard cannot read the Dockerfile ${params?.uri}.`);
    }
    const profile = runProfile(analyzeImage(file, text, session.workspace, session.settings));
    if (!profile) {
      throw new ResponseError(2, `${file} is larger than rootguard.maxFileSizeKb; ` +
        'raise the setting to get its run profile.');
    }
    return profile;
  });
}
