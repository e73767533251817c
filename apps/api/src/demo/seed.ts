import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OfficeCommand } from '@liaison/domain';
import { deterministicUuid } from '@liaison/event-store';
import { ExecuteCommand } from '@liaison/application';
import { clerk, DEMO_OFFICES } from './demo-offices';

export { DEMO_OFFICES } from './demo-offices';

export function demoOfficeId(key: string): string {
  return deterministicUuid(`demo-office|${key}`);
}

/**
 * Loads the demo through the same command path as real users, with fixed idempotency keys: starting the service
 * again finds everything already there and appends nothing.
 */
export async function seedDemo(app: INestApplicationContext, logger: LoggerService): Promise<void> {
  const bus = app.get(CommandBus);
  let appended = 0;
  for (const office of DEMO_OFFICES) {
    const officeId = demoOfficeId(office.key);
    const steps: { command: OfficeCommand; actor: string; role: string; tier?: string }[] = [
      {
        command: {
          type: 'RegisterOffice',
          data: {
            officeId,
            name: office.name,
            sponsorUnitId: office.sponsorUnitId,
            hostCityId: office.hostCityId,
            pairedAssistance: office.pairedAssistance ?? false,
            assets: office.assets ?? [],
            staff: office.staff ?? [],
          },
        },
        ...clerk('clerk.nanyang'),
      },
      ...(office.steps ?? []),
    ];
    for (const [index, step] of steps.entries()) {
      const result = await bus.execute(
        new ExecuteCommand('office', officeId, step.command, {
          actor: step.actor,
          role: step.role,
          ...(step.tier ? { tier: step.tier } : {}),
          now: new Date().toISOString(),
          idempotencyKey: `demo|${office.key}|${index}`,
        }),
      );
      if (!result.replayed) appended += result.events.length;
    }
  }
  // Two units have filed their work plans; the others will be reminded when the demo's plan deadline passes.
  for (const [unitId, clerkName, lead] of [
    ['henan.nanyang.xixia', 'clerk.xixia', '县政府办公室'],
    ['henan.nanyang.commerce', 'clerk.commerce', '市商务局办公室'],
  ] as const) {
    const filed = await bus.execute(
      new ExecuteCommand(
        'unit',
        unitId,
        {
          type: 'FileWorkPlan',
          data: {
            unitId,
            leadDepartment: lead,
            liaisonPerson: { name: '联络员', phone: '0377-63100000' },
            plan: '摸清驻郑州办事机构底数,按三(一)逐一提出处理意见,十月底前完成',
          },
        },
        { actor: clerkName, role: 'clerk', now: new Date().toISOString() },
      ),
    );
    appended += filed.events.length;
  }
  logger.log(`demo data: ${DEMO_OFFICES.length} offices, 2 work plans, ${appended} new events`);
}
