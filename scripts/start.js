// `npm start`: build, make sure Redis answers, then run the API on the embedded defaults with the demo data.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureRedis } = require('./ensure-redis');

async function main() {
  const root = join(__dirname, '..');
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  await ensureRedis();
  const env = { SEED_DEMO: 'true', ...process.env };
  const app = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
