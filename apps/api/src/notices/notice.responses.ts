import { NumberedPageDto } from '../common/page.responses';
import { ApiProperty } from '@nestjs/swagger';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

/** A reminder, escalation or leading-group notice about a deadline, as its reader sees it. */
export class NoticeDto {
  @ApiProperty({ example: 'work-plan.henan.nanyang.tanghe.reminder' })
  noticeId!: string;

  @ApiProperty({ example: 'work-plan.henan.nanyang.tanghe' })
  deadlineId!: string;

  @ApiProperty({ example: 'work-plan', description: 'What is due: a filing, an abolition step or a task' })
  kind!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    enum: ['retention', 'ruling', null],
    description: "A task's kind",
  })
  taskKind!: string | null;

  @ApiProperty({ example: 'reminder', description: 'reminder, escalation or leading-group' })
  step!: string;

  @ApiProperty()
  subjectId!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  officeId!: string | null;

  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty(DATE_TIME)
  dueAt!: string;

  @ApiProperty(DATE_TIME)
  sentAt!: string;

  @ApiProperty({ description: 'Whether it goes on the circulation list (通报)' })
  circulate!: boolean;

  @ApiProperty({ ...DATE_TIME, nullable: true })
  readAt!: string | null;
}

export class NoticePageDto extends NumberedPageDto {
  @ApiProperty({ type: [NoticeDto] })
  items!: NoticeDto[];

  @ApiProperty({ type: 'integer', description: 'How many of mine are not yet read' })
  unread!: number;
}

export class CirculationItemDto {
  @ApiProperty()
  deadlineId!: string;

  @ApiProperty()
  kind!: string;

  @ApiProperty({ type: 'string', nullable: true, enum: ['retention', 'ruling', null] })
  taskKind!: string | null;

  @ApiProperty()
  subjectId!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  officeId!: string | null;

  @ApiProperty()
  unitId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty(DATE_TIME)
  dueAt!: string;

  @ApiProperty(DATE_TIME)
  listedAt!: string;
}

export class CirculationPageDto extends NumberedPageDto {
  @ApiProperty({ type: [CirculationItemDto] })
  items!: CirculationItemDto[];
}
