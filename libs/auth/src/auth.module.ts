import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { OfficeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from '@liaison/application';
import { resolveAuthSecret } from './auth-secret';
import {
  CREDENTIAL_STORE,
  credentialsFile,
  CredentialStoreShutdown,
  SqliteCredentialStore,
  type CredentialStore,
} from './credential-store';
import { AccountCache } from './account-cache';
import { SessionController } from './session.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService, TOKEN_LIFETIME_SECONDS } from './auth.service';
import { Authorizer } from './authorizer';
import { bcryptCostFrom } from './passwords';
import { SignInLimiter, signInLimitsFrom, type SignInLimits } from './sign-in-limiter';
import { UserDirectory } from './user-accounts';

export interface AuthModuleOptions {
  /** Where AUTH_SECRET (or AUTH_SECRET_FILE), NODE_ENV and AUTH_BCRYPT_COST are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** bcrypt cost factor; overrides AUTH_BCRYPT_COST (default 10). */
  bcryptCost?: number;
  /** Failed sign-ins allowed; overrides SIGNIN_LIMIT_ACCOUNT, SIGNIN_LIMIT_ADDRESS, SIGNIN_LIMIT_WINDOW_SECONDS. */
  signInLimits?: SignInLimits;
}

export interface AuthModuleConfig {
  dataDir: string;
  /** The embedded store's file holds the credentials too; otherwise `<dataDir>/credentials.sqlite` does. */
  eventStore?: { kind: 'sqlite'; filename: string } | { kind: string };
  /** Where failed sign-ins are counted, shared by every API process; in memory (this process only) without. */
  redisUrl?: string;
  /** Prefix of the counters' keys in Redis. */
  queuePrefix?: string;
}

/**
 * Sign-in and the global guard. Needs EVENT_STORE and OFFICE_CONTEXT, which RuntimeModule provides globally, and the
 * CommandBus (CqrsModule.forRoot) with the ExecuteCommand handler: accounts are written through it.
 * The signing key is AUTH_SECRET, else (not in production) a random key kept in `<dataDir>/auth-secret`.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthModuleConfig, options: AuthModuleOptions = {}): DynamicModule {
    const env = options.env ?? process.env;
    const bcryptCost = options.bcryptCost ?? bcryptCostFrom(env);
    const signInLimits = options.signInLimits ?? signInLimitsFrom(env);
    return {
      module: AuthModule,
      global: true,
      imports: [
        JwtModule.registerAsync({
          // At module start rather than at import, so a missing data folder fails the start with its reason.
          // A key object made once: given a string, jsonwebtoken first tries it as a public key on every check.
          useFactory: () => ({
            secret: createSecretKey(Buffer.from(resolveAuthSecret(config.dataDir, env))),
            signOptions: { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_SECONDS },
            verifyOptions: { algorithms: ['HS256'] },
          }),
        }),
      ],
      controllers: [AuthController, SessionController],
      providers: [
        { provide: CREDENTIAL_STORE, useFactory: () => new SqliteCredentialStore(credentialsFile(config)) },
        CredentialStoreShutdown,
        AccountCache,
        {
          provide: UserDirectory,
          inject: [EVENT_STORE, OFFICE_CONTEXT, CommandBus, CREDENTIAL_STORE, AccountCache],
          useFactory: (
            store: EventStore,
            context: OfficeContext,
            commands: CommandBus,
            credentials: CredentialStore,
            accounts: AccountCache,
          ) =>
            new UserDirectory(store, context.jurisdictions, commands, credentials, { bcryptCost, accounts }),
        },
        {
          provide: SignInLimiter,
          useFactory: () => SignInLimiter.connect(signInLimits, config.redisUrl, config.queuePrefix),
        },
        AuthService,
        Authorizer,
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [UserDirectory, AuthService, Authorizer],
    };
  }
}
