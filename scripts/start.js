// `npm start`: build, make sure Redis answers, then run the API on the embedded defaults with the demo data, and
// the worker that sends the reminders and escalations beside it.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureRedis } = require('./ensure-redis');

async function main() {
  const root = join(__dirname, '..');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  await ensureRedis();
  const env = { SEED_DEMO: 'true', ...process.env };
  const run = (path) => spawn(process.execPath, [join(root, path)], { cwd: root, env, stdio: 'inherit' });
  const app = run('dist/apps/api/src/main.js');
  const port = env.PORT ?? '3000';
  const host = env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1';
  console.log(
    `web console: http://${host}:${port}/ (sign in as approver.xichuan, clerk.xichuan, supervisor.nanyang or admin; password demo-password)`,
  );
  const worker = run('dist/apps/worker/src/main.js');
  const children = [app, worker];
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => children.forEach((child) => child.kill(signal)));
  }
  // Either one stopping stops the other: the demo is the two together.
  let exiting = false;
  for (const child of children) {
    child.on('exit', (code, signal) => {
      if (exiting) return;
      exiting = true;
      for (const other of children) if (other !== child) other.kill('SIGTERM');
      const others = children.filter((other) => other !== child && other.exitCode === null);
      let left = others.length;
      if (left === 0) process.exit(code ?? (signal ? 1 : 0));
      for (const other of others)
        other.on('exit', () => --left === 0 && process.exit(code ?? (signal ? 1 : 0)));
    });
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
