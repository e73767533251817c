import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { officeContext, type OfficeContext } from '@liaison/domain';
import type { EventStore } from '@liaison/event-store';
import { EVENT_STORE, OFFICE_CONTEXT } from '@liaison/application';
import { commandHandlers } from './handlers';

/** The service's command path over one store, without HTTP or read models: an operator's writes are commands too. */
@Module({})
class OperatorCommandsModule {
  static forStore(store: EventStore, context: OfficeContext): DynamicModule {
    return {
      module: OperatorCommandsModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: OFFICE_CONTEXT, useValue: context },
        ...commandHandlers(),
      ],
    };
  }
}

/** Runs `work` with a CommandBus whose handlers write to `store` (which the caller closes). */
export async function withCommandBus<T>(
  store: EventStore,
  work: (bus: CommandBus) => Promise<T>,
  context: OfficeContext = officeContext(),
): Promise<T> {
  const app = await NestFactory.createApplicationContext(OperatorCommandsModule.forStore(store, context), {
    logger: false,
  });
  try {
    await app.init();
    return await work(app.get(CommandBus));
  } finally {
    await app.close();
  }
}
