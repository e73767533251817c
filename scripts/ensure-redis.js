// Makes sure a Redis answers at REDIS_URL (default redis://127.0.0.1:6379); starts a local, non-persistent
// redis-server when none does. Used by `npm start` and by the test setup.
const { spawnSync } = require('node:child_process');
const net = require('node:net');

function target() {
  const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) };
}

function ping({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function ensureRedis(log = console.log) {
  const where = target();
  if (await ping(where)) return { started: false, ...where };
  if (!['127.0.0.1', 'localhost', '::1'].includes(where.host)) {
    throw new Error(
      `no Redis answers at ${where.host}:${where.port}, and it is not local, so none can be started`,
    );
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      `no Redis answers at ${where.host}:${where.port} and redis-server is not installed ` +
        '(Debian: apt-get install redis-server)',
    );
  }
  log(`starting a local redis-server on ${where.host}:${where.port}`);
  const started = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(where.port),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { encoding: 'utf8' },
  );
  if (started.status !== 0)
    throw new Error(`redis-server did not start: ${started.stderr || started.stdout}`);
  for (let i = 0; i < 50; i++) {
    if (await ping(where)) return { started: true, ...where };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server started but does not answer on ${where.host}:${where.port}`);
}

module.exports = { ensureRedis, ping };

if (require.main === module) {
  ensureRedis().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
