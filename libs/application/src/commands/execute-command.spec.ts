import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import {
  CAMPAIGN_STREAM,
  nanyangCampaign,
  officeContext,
  OfficeNotFound,
  type OfficeContext,
  type RegisterOffice,
} from '@liaison/domain';
import { SqliteEventStore, type Position } from '@liaison/event-store';
import { ReadModelSync } from '../read-model-sync';
import { EVENT_STORE, OFFICE_CONTEXT } from '../tokens';
import { ExecuteCommand, ExecuteCommandHandler } from './execute-command';

const OFFICE_ID = '4a3f1e52-1c55-4c5e-8d7a-0c2f4b9e7d11';
const NOW = '2015-07-01T02:00:00.000Z';
const ACTOR = { actor: 'clerk.xichuan', role: 'clerk', now: NOW };
const register: RegisterOffice = {
  type: 'RegisterOffice',
  data: {
    officeId: OFFICE_ID,
    name: '淅川县人民政府驻郑州办事处',
    sponsorUnitId: 'henan.nanyang.xichuan',
    hostCityId: 'zhengzhou',
    pairedAssistance: false,
    assets: [],
    staff: [],
  },
};

/** Read models that show every position at once, or (lagging) never. */
class ReadModelsStandIn extends ReadModelSync {
  readonly waitedFor: Position[] = [];
  lagging = false;

  async waitFor(position: Position): Promise<void> {
    this.waitedFor.push(position);
    if (this.lagging) throw new Error('read models stopped');
  }
}

describe('ExecuteCommand through the CommandBus', () => {
  let store: SqliteEventStore;
  let readModels: ReadModelsStandIn;
  let app: INestApplicationContext;
  let bus: CommandBus;

  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:' });
    readModels = new ReadModelsStandIn();
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: OFFICE_CONTEXT, useFactory: officeContext },
        { provide: ReadModelSync, useValue: readModels },
        ExecuteCommandHandler,
      ],
    }).compile();
    app = await moduleRef.init();
    bus = app.get(CommandBus);
  });

  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('finds each stream type’s stream and decider, and waits for the read models to show the command', async () => {
    const office = await bus.execute(new ExecuteCommand('office', OFFICE_ID, register, ACTOR));
    const campaign = await bus.execute(
      new ExecuteCommand('campaign', '', { type: 'LaunchCampaign', data: nanyangCampaign() }, ACTOR),
    );

    expect(office).toMatchObject({
      streamId: `office-${OFFICE_ID}`,
      version: 1,
      state: { office: { status: 'proposed' } },
    });
    expect(campaign).toMatchObject({ streamId: CAMPAIGN_STREAM, events: [{ type: 'CampaignLaunched' }] });
    expect(readModels.waitedFor).toStrictEqual([office.position, campaign.position]);
    expect(office.readModelsLagging).toBeUndefined();
  });

  it('changes the tree through the unit directory, and this process’s tree shows the change at once', async () => {
    const context = app.get<OfficeContext>(OFFICE_CONTEXT);
    await bus.execute(
      new ExecuteCommand(
        'unit-directory',
        '',
        {
          type: 'AddUnit',
          data: {
            parentId: 'henan.nanyang.xichuan',
            key: 'education',
            name: '淅川县教育局',
            kind: 'department',
            reason: '新设',
          },
        },
        ACTOR,
      ),
    );
    expect(context.jurisdictions.find('henan.nanyang.xichuan.education')).toMatchObject({
      name: '淅川县教育局',
    });
    const office = await bus.execute(
      new ExecuteCommand(
        'office',
        OFFICE_ID,
        { ...register, data: { ...register.data, sponsorUnitId: 'henan.nanyang.xichuan.education' } },
        ACTOR,
      ),
    );
    expect(office.state.office).toMatchObject({ status: 'proposed' });
  });

  it('refuses a command to an office that is not registered with OfficeNotFound', async () => {
    await expect(
      bus.execute(new ExecuteCommand('office', OFFICE_ID, { type: 'CloseOffice', data: {} }, ACTOR)),
    ).rejects.toThrow(OfficeNotFound);
    expect(await store.readAll()).toStrictEqual([]);
  });

  it('answers a done command with readModelsLagging when the read models do not catch up', async () => {
    readModels.lagging = true;

    const result = await bus.execute(new ExecuteCommand('office', OFFICE_ID, register, ACTOR));

    expect(result).toMatchObject({ version: 1, readModelsLagging: true });
    expect(await store.readStream(`office-${OFFICE_ID}`)).toHaveLength(1);
  });

  it('does not wait when asked not to', async () => {
    await bus.execute(
      new ExecuteCommand('office', OFFICE_ID, register, { ...ACTOR, awaitReadModels: false }),
    );

    expect(readModels.waitedFor).toStrictEqual([]);
  });
});
