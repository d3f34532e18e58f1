/**
 * The real app as a separate process (`strapi start`, the built admin panel included) on a fresh
 * database, for browser tests: what a clinic runs, not a test double.
 */
import { spawn, ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';
import { APP_DIR, createTestDatabase, TestDatabase } from './strapi';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { APP_PROCESS_ENV } = require('./template-database');

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  db: TestDatabase;
  log: () => string;
  stop: () => Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export const startApp = async (env: Record<string, string> = {}): Promise<AppProcess> => {
  const db = await createTestDatabase('browser');
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      ...APP_PROCESS_ENV, // the demo clinic, as its template was made (helpers/template-database.js)
      HOST: '127.0.0.1',
      PORT: String(port),
      CLINIC_CRM_ADMIN_URL: `http://127.0.0.1:${port}/admin`,
      CORS_ORIGINS: `http://127.0.0.1:${port}`,
      ...db.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // a loaded machine (the demo seed on a shared CI box) may need longer: APP_START_TIMEOUT_MS
  const startTimeoutMs = Number(process.env.APP_START_TIMEOUT_MS || 120_000);
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`app did not start in ${startTimeoutMs / 1000} s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    port,
    child,
    db,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await db.drop();
    },
  };
};
