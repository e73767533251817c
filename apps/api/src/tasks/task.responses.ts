import { NumberedPageDto } from '../common/page.responses';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '@liaison/domain';
import { OfficeCommandReplyDto, RulingRecordDto } from '../offices/office.responses';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

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

  @ApiProperty({ ...DATE_TIME, nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: 'integer', description: "The office's version when the task last changed" })
  officeVersion!: number;
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
