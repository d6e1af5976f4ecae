// The tag of the line the activation suite logs inside VS Code and bench/activation.ts reads
// from the launcher's output (a module of its own: the suite imports `vscode`, the reader not).
export const ACTIVATION_TAG = 'rootguard-bench-activation';
