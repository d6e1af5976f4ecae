import { main } from './main';

const code = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
// Some commands (verify-image) finish asynchronously.
void Promise.resolve(code).then((exitCode) => {
  process.exitCode = exitCode;
});
