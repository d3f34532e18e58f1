'use strict';
/**
 * nginx in front of the app instances, as the current user (no root): deploy/nginx/clinic-crm.conf
 * rendered into a temporary prefix directory (config, cache, temp files, logs, pid) and run with
 * `nginx -c <file> -p <dir> -g 'daemon off;'` as a child process.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const APP_DIR = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(APP_DIR, 'deploy', 'nginx', 'clinic-crm.conf');

/** NGINX_BIN, else Debian's /usr/sbin/nginx, else the PATH (scripts/nginx.sh installs it when missing). */
function nginxBinary() {
  const candidates = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The template with its placeholders filled in.
 * upstreams: ['127.0.0.1:1337', …]; trustForwardedFrom: addresses of a balancer in front whose
 * X-Forwarded-For is believed (empty: nginx is the edge and the client's own address is sent).
 */
function renderConfig({ prefix, listen, upstreams, workers = 'auto', trustForwardedFrom = [] }) {
  const realIp = trustForwardedFrom.length
    ? [...trustForwardedFrom.map((a) => `    set_real_ip_from ${a};`), '    real_ip_header X-Forwarded-For;', '    real_ip_recursive on;'].join('\n')
    : '    # nginx is the edge: no real_ip';
  const values = {
    PREFIX: prefix,
    LISTEN: listen,
    WORKERS: String(workers),
    SERVERS: upstreams.map((u) => `        server ${u} max_fails=1 fail_timeout=5s;`).join('\n'),
    REAL_IP: realIp,
  };
  // placeholders are filled on directive lines; the comments that document them stay as written
  return fs
    .readFileSync(TEMPLATE, 'utf8')
    .split('\n')
    .map((line) =>
      /^\s*#/.test(line)
        ? line
        : line.replace(/@([A-Z_]+)@/g, (m, name) => {
            if (!(name in values)) throw new Error(`deploy/nginx/clinic-crm.conf: unknown placeholder ${m}`);
            return values[name];
          }),
    )
    .join('\n');
}

/** Starts nginx on `port` (loopback) in front of `upstreams`; resolves once it answers. */
async function startNginx({ port, upstreams, workers, trustForwardedFrom }) {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx not found: install Debian\'s nginx (bash -c "source scripts/nginx.sh; nginx_install") or set NGINX_BIN');
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-crm-nginx-'));
  // as root, nginx's workers run as nobody: they must reach the prefix (it creates its own subdirectories for them)
  if (process.getuid && process.getuid() === 0) fs.chmodSync(prefix, 0o755);
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, renderConfig({ prefix, listen: `127.0.0.1:${port}`, upstreams, workers, trustForwardedFrom }));
  try {
    execFileSync(bin, ['-t', '-q', '-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    fs.rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx -t refused the rendered deploy/nginx/clinic-crm.conf:\n${e.stderr}`);
  }
  const child = spawn(bin, ['-c', conf, '-p', prefix, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const why = `${stderr}${readIfAny(path.join(prefix, 'error.log'))}`;
      fs.rmSync(prefix, { recursive: true, force: true });
      throw new Error(`nginx exited (${child.exitCode}):\n${why}`);
    }
    try {
      await fetch(`${url}/_health`, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s:\n${readIfAny(path.join(prefix, 'error.log'))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    prefix,
    conf,
    errorLog: () => readIfAny(path.join(prefix, 'error.log')),
    /** Fast shutdown (SIGTERM), then the prefix directory removed. */
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

const readIfAny = (file) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

module.exports = { nginxBinary, renderConfig, startNginx };
