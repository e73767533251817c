import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { officeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from '@liaison/application';
import { commandHandlers } from '@liaison/app';

/** The service's command path over one store, without HTTP or read models: an operator's writes are commands too. */
@Module({})
class OperatorCommandsModule {
  static forStore(store: EventStore): DynamicModule {
    return {
      module: OperatorCommandsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: OFFICE_CONTEXT, useFactory: officeContext },
        ...commandHandlers(),
      ],
    };
  }
}

/** Runs `work` with a CommandBus whose handlers write to `store` (which the caller closes). */
export async function withCommandBus<T>(
  store: EventStore,
  work: (bus: CommandBus) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(OperatorCommandsModule.forStore(store), {
    logger: false,
  });
  try {
    await context.init();
    return await work(context.get(CommandBus));
  } finally {
    await context.close();
  }
}
