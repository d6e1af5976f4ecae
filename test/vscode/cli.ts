// The shared main() of both launchers: option parsing, error reporting, guaranteed cleanup.

import { exitAfterCleanup, installSignalHandlers, interruptedBy } from './cleanup';
import {
  parseOptions,
  SetupError,
  USAGE,
  UsageError,
  wantsHelp,
  type LaunchOptions,
} from './options';

export function runLauncher(script: string, run: (options: LaunchOptions) => Promise<number>) {
  installSignalHandlers();
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(`usage: node out/test/vscode/${script} [options]\n${USAGE}`);
    return;
  }
  const attempt = async (): Promise<number> => {
    try {
      return await run(parseOptions(argv, process.env));
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(`launcher: ${err.message} (--help lists the options)`);
        return 2;
      }
      const signal = interruptedBy();
      if (err instanceof SetupError || signal) {
        const message = err instanceof Error ? err.message : String(err);
        console.error(`launcher: ${signal ? `interrupted by ${signal}: ` : ''}${message}`);
        return 1;
      }
      console.error(`launcher: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 1;
    }
  };
  void attempt().then(exitAfterCleanup);
}
