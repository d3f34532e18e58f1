/**
 * Another Strapi instance for the multi-instance outbox tests (scripts/lib/dispatch-worker.js): it boots
 * the compiled app on the test's database, says `ready` (`ready` resolves its dispatcher's worker id), drains the outbox (after a `go` when
 * DISPATCH_WORKER_WAIT_FOR_GO=true) and reports its totals ({ claimed, sent, failed }) when it exits; a SIGKILLed worker resolves
 * `{ killed: true }`.
 */
import path from 'path';
import { fork } from 'child_process';

const WORKER = path.join(__dirname, '..', '..', 'scripts', 'lib', 'dispatch-worker.js');

export const spawnWorker = (env: Record<string, string>) => {
  const child = fork(WORKER, [], { env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const messages: any[] = [];
  child.on('message', (m) => messages.push(m));
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (m: any) => m.type === 'ready' && resolve(m.workerId));
    child.on('exit', (code) => reject(new Error(`worker exited ${code} before ready: ${stderr}`)));
  });
  const done = new Promise<any>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true });
      const d = messages.find((m) => m.type === 'done');
      if (code === 0 && d) resolve(d.totals);
      else reject(new Error(`worker exited ${code}: ${stderr}`));
    });
  });
  return { child, ready, done };
};
