// A private X display: Xvfb picks a free display number and reports it once it accepts clients
// (-displayfd), so nothing guesses a number or sleeps and hopes; -noreset keeps it from resetting
// (and refusing clients for a moment) each time its last client leaves.
import { spawn } from 'node:child_process';

export async function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-noreset', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  });
  const number = await new Promise((ok, fail) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) ok(out.trim());
    });
    xvfb.on('error', fail);
    xvfb.on('exit', (code) => fail(new Error(`Xvfb exited (${code}) before opening a display`)));
  });
  return { display: `:${number}`, stop: () => xvfb.kill() };
}
