import { NumberedPageDto } from '../common/page.responses';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RULE_IDS, TIERS } from '@liaison/domain';
import { OfficeCommandReplyDto, RulingRecordDto } from '../offices/office.responses';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

/** How far the due date is on the working-day calendar (China Standard Time), for the inbox's badges. */
export class DueInDto {
  @ApiProperty({
    type: 'integer',
    description: 'Working days from today to the due day: 0 due today, below 0 overdue by that many',
  })
  workingDays!: number;

  @ApiProperty({
    enum: ['overdue', 'today', 'this-week', 'later'],
    description: 'Overdue, due today, due by the end of this week (Sunday), or later',
  })
  when!: string;
}

/** A task as the inbox and the task actions show it. */
export class TaskDto {
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

  @ApiProperty({ enum: RULE_IDS, description: 'The plan’s rule that applies to the office' })
  ruleId!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty({ description: 'The unit whose approvers decide it' })
  jurisdictionId!: string;

  @ApiProperty({ example: 'county@henan.nanyang.xichuan' })
  candidateGroup!: string;

  @ApiProperty({ type: 'string', nullable: true })
  assignee!: string | null;

  @ApiProperty({ enum: ['open', 'done'] })
  status!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Once decided: forwarded, approved, rejected, returned or superseded; a ruling task: the ruling',
  })
  outcome!: string | null;

  @ApiPropertyOptional({ type: RulingRecordDto, description: 'A decided ruling task: what, why, which tier' })
  ruling?: RulingRecordDto;

  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  dueAt!: string | null;

  @ApiPropertyOptional({
    type: DueInDto,
    description: 'An open task with a due date, in the inbox and GET one',
  })
  dueIn?: DueInDto;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: 'integer', description: "The office's version when the task last changed" })
  officeVersion!: number;
}

export class ReminderDto {
  @ApiProperty({ enum: ['reminder', 'escalation', 'leading-group'] })
  step!: string;

  @ApiProperty({ ...DATE_TIME, description: 'When it goes out (ESCALATION_LADDER after the due date)' })
  at!: string;

  @ApiProperty({ description: 'The time has come: it has gone out, or is going out now' })
  passed!: boolean;
}

export class TaskDetailDto extends TaskDto {
  @ApiPropertyOptional({
    type: [ReminderDto],
    description: 'An open task with a due date: the reminder, the escalation and the leading group’s notice',
  })
  reminders?: ReminderDto[];
}

export class InboxCountsDto {
  @ApiProperty({ type: 'integer' })
  mine!: number;

  @ApiProperty({ type: 'integer' })
  group!: number;

  @ApiProperty({ type: 'integer' })
  claimed!: number;

  @ApiProperty({ type: 'integer' })
  unclaimed!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;
}

export class InboxDto extends NumberedPageDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty({ type: InboxCountsDto, description: 'How many tasks each view holds' })
  counts!: InboxCountsDto;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty()
  jurisdictionId!: string;
}

export class TaskCommandReplyDto extends OfficeCommandReplyDto {
  @ApiPropertyOptional({ type: TaskDto, description: 'The task as it is after the action' })
  task?: TaskDto;
}

export class DelegateCandidateDto {
  @ApiProperty({ example: 'approver.xichuan.2' })
  username!: string;

  @ApiProperty({ example: '淅川县审批人二' })
  displayName!: string;
}

export class DelegatesDto {
  @ApiProperty({ example: 'county@henan.nanyang.xichuan' })
  group!: string;

  @ApiProperty({
    type: [DelegateCandidateDto],
    description: 'The other active approvers of your group: who a task of yours can be handed to',
  })
  approvers!: DelegateCandidateDto[];
}

export class TaskChangeDto {
  @ApiProperty({ enum: ['arrived', 'changed', 'left'] })
  change!: string;

  @ApiProperty({ example: 'b7858e98-0031-5380-b9ce-b193988aebf3/1' })
  taskId!: string;

  @ApiProperty({ format: 'uuid' })
  officeId!: string;

  @ApiProperty({ enum: TIERS })
  tier!: string;

  @ApiProperty({ example: 'county@henan.nanyang.xichuan' })
  candidateGroup!: string;

  @ApiProperty({ type: 'string', nullable: true })
  assignee!: string | null;

  @ApiProperty({ enum: ['open', 'done'] })
  status!: string;

  @ApiProperty({ type: 'string', nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: 'integer' })
  officeVersion!: number;
}
