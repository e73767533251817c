import { Logger } from '@nestjs/common';
import { seedDemoUsers, UserDirectory } from '@liaison/auth';
import { fatalLine, loadConfig } from '@liaison/app';
import { createApp, listen } from './app';
import { seedDemo } from './demo/seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.init();
  if (config.seedDemo) {
    await seedDemoUsers(app.get(UserDirectory));
    await seedDemo(app, new Logger('Demo'));
  }
  await listen(app, config);
}

main().catch((error: unknown) => {
  fatalLine('api', error);
  process.exit(1);
});
