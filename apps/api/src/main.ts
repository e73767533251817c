import { Logger } from '@nestjs/common';
import { resolveAuthSecret, seedDemoUsers, UserDirectory } from '@liaison/auth';
import { fatalLine, loadConfig, type AppConfig } from '@liaison/app';
import { createApp, listen } from './app';
import { seedDemo } from './demo/seed';

/** The configuration, or the process ends here with what is wrong with it (no stack: nothing ran yet). */
function configure(): AppConfig {
  try {
    const config = loadConfig();
    // In production the signing key must be given; checked before any store opens (nothing is written).
    if (config.production) resolveAuthSecret(config.dataDir);
    return config;
  } catch (error) {
    new Logger('Api').error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configure();
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
