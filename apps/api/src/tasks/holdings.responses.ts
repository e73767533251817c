import { ApiProperty } from '@nestjs/swagger';
import { TIERS } from '@liaison/domain';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

export class HeldTaskDto {
  @ApiProperty({ example: 'b7858e98-0031-5380-b9ce-b193988aebf3/1', description: '<officeId>/<revision>' })
  taskId!: string;

  @ApiProperty({ enum: ['retention', 'ruling'] })
  kind!: string;

  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty()
  officeName!: string;

  @ApiProperty()
  sponsorUnitId!: string;

  @ApiProperty({ ...DATE_TIME, description: 'When the task reached its tier' })
  since!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  dueAt!: string | null;
}

export class HoldingDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The approver who claimed these tasks; null: they wait unclaimed in the group',
  })
  assignee!: string | null;

  @ApiProperty({ example: 'county@henan.nanyang.xichuan' })
  candidateGroup!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty({ description: 'The unit whose approvers decide them' })
  jurisdictionId!: string;

  @ApiProperty({ type: 'integer' })
  open!: number;

  @ApiProperty({ type: 'integer', description: 'Past their due time now' })
  overdue!: number;

  @ApiProperty({ ...DATE_TIME, description: 'Since when the longest-waiting of them has waited' })
  oldestSince!: string;

  @ApiProperty({ type: [HeldTaskDto], description: 'Longest-waiting first' })
  tasks!: HeldTaskDto[];
}

export class TaskHoldingsDto {
  @ApiProperty({ ...DATE_TIME, description: 'When the holdings were read (overdue counts against it)' })
  at!: string;

  @ApiProperty({ type: 'integer', description: 'Open tasks within your jurisdiction' })
  open!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;

  @ApiProperty({
    type: [HoldingDto],
    description:
      'One entry per approver holding tasks, and per group with unclaimed ones; longest-waiting first',
  })
  holdings!: HoldingDto[];
}
