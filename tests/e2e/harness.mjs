// Starts what an end-to-end test needs: a private X display (Xvfb), tauri-driver in front of
// WebKitWebDriver, and a WebDriver session on the real `tandem` binary with its own temporary
// XDG_DATA_HOME, so tests never touch a real workspace. Screenshots go to tests/artifacts/.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import { remote } from 'webdriverio';
import { startXvfb } from '../support/xvfb.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const artifacts = resolve(here, '../artifacts');

export const appBinary =
  process.env.TANDEM_APP ?? resolve(process.env.CARGO_TARGET_DIR ?? resolve(here, '../../target'), 'debug/tandem');

/**
 * `n` distinct free ports. All are held until each is known: a port freed and asked for again can
 * come back the same, and tauri-driver with the same port twice loops forever instead of failing.
 */
async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise((ok, fail) => {
      const srv = net.createServer();
      srv.on('error', fail);
      srv.listen(0, '127.0.0.1', () => ok(srv));
    })),
  );
  const ports = servers.map((srv) => srv.address().port);
  await Promise.all(servers.map((srv) => new Promise((ok) => srv.close(ok))));
  return ports;
}

async function waitForPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise((ok) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); ok(true); });
      s.on('error', () => ok(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on port ${port} after ${ms} ms`);
}

/**
 * Launches the app; `env` adds variables (for example TANDEM_DB) for the app only. `home` reuses
 * a folder of data and settings across launches (the caller removes it); by default each launch
 * gets a new one, removed on close.
 */
export async function launch(name, { args = [], env = {}, home: keptHome } = {}) {
  const home = keptHome ?? mkdtempSync(join(tmpdir(), `tandem-e2e-${name}-`));
  const xvfb = await startXvfb();
  const display = xvfb.display;
  const [port, nativePort] = await freePorts(2);
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env, DISPLAY: display, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // When WebKitWebDriver cannot start, it says FATAL once and tauri-driver then retries without
  // end, printing a line each time: stop it at once, so the launch fails and says why.
  let fatal = null;
  const watch = (out) => (chunk) => {
    if (fatal) return;
    const text = chunk.toString();
    out.write(text);
    const line = text.split('\n').find((l) => l.includes('FATAL'));
    if (line) {
      fatal = line.trim();
      driver.kill('SIGKILL');
    }
  };
  driver.stdout.on('data', watch(process.stdout));
  driver.stderr.on('data', watch(process.stderr));
  mkdirSync(join(home, 'data'), { recursive: true });
  let browser;
  try {
    await waitForPort(port, 15000);
    browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: { 'tauri:options': { application: appBinary, args } },
    });
  } catch (e) {
    driver.kill('SIGKILL');
    xvfb.stop();
    if (!keptHome) removeFolder(home);
    throw fatal ? new Error(`tauri-driver could not start: ${fatal}`) : e;
  }
  mkdirSync(artifacts, { recursive: true });
  for (const old of readdirSync(artifacts).filter((f) => f.startsWith(`${name}-`))) rmSync(join(artifacts, old));
  let shots = 0;
  return {
    browser,
    home,
    /** Saves a whole-window screenshot (element screenshots come back black on WebKitGTK). */
    async shot(step) {
      await sleep(300); // let the last frame paint; the first capture can show an older one
      const file = join(artifacts, `${name}-${String(++shots).padStart(2, '0')}-${step}.png`);
      await browser.saveScreenshot(file);
      return file;
    },
    async close() {
      await browser.deleteSession().catch(() => {});
      const exited = new Promise((ok) => (driver.exitCode !== null ? ok() : driver.once('exit', ok)));
      driver.kill();
      await Promise.race([exited, sleep(5000).then(() => driver.kill('SIGKILL'))]);
      xvfb.stop();
      if (!keptHome) removeFolder(home);
    },
  };
}

/**
 * A folder holding a small demo workspace (`db`), written by the real `tandem-cli`; `cli` runs
 * more CLI commands on it, `remove` deletes the folder. Pass `home` to `launch` to open it there.
 */
export function demoWorkspace(name) {
  const home = mkdtempSync(join(tmpdir(), `tandem-e2e-${name}-`));
  const db = join(home, 'demo.tandem');
  const cli = (...args) => execFileSync(join(dirname(appBinary), 'tandem-cli'), ['--db', db, ...args], { encoding: 'utf8' });
  cli('demo', '--scale', 'small');
  return { home, db, cli, remove: () => removeFolder(home) };
}

/** Removes a test's folder. WebKit's storage process can still be writing into it for a moment
 * after the session ends, so a folder that refills while it is removed is retried. */
export const removeFolder = (dir) => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });

/** The rendered text of the first element matching `selector` ('' when none): WebDriver's
 * getText returns only part of some elements' text on WebKitGTK. */
export const innerText = (browser, selector) =>
  browser.execute((s) => document.querySelector(s)?.innerText ?? '', selector);
