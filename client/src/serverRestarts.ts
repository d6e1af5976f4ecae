// How the client answers its language server's unexpected exits: restart it and tell the user
// once. A server that keeps crashing (as vscode-languageclient's own default: 5 times within
// 3 minutes) is left stopped and the user told so, instead of a restart loop that burns CPU.
// No editor code here, so the policy is tested with a fake clock.

export interface RestartDecision {
  restart: boolean;
  /** What to tell the user now; undefined: nothing (they were told already). */
  tell?: string;
}

export class ServerRestarts {
  private told = false;
  private crashes: number[] = [];

  constructor(private readonly limit = 5, private readonly windowMs = 180_000) {}

  /** Called when the server's connection closed unexpectedly. */
  onCrash(now = Date.now()): RestartDecision {
    this.crashes = [...this.crashes.filter((at) => now - at < this.windowMs), now];
    if (this.crashes.length >= this.limit) {
      return { restart: false, tell: `The Rootguard language server crashed ${this.limit} ` +
        `times within ${Math.round(this.windowMs / 60_000)} minutes and was not restarted ` +
        'again; run Rootguard: Restart Language Server to try again. Details are in the ' +
        'Rootguard output.' };
    }
    if (this.told) return { restart: true };
    this.told = true;
    return { restart: true, tell: 'The Rootguard language server stopped unexpectedly and was ' +
      'restarted. Details are in the Rootguard output.' };
  }
}
