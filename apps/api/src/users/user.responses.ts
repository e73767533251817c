import { NumberedPageDto } from '../common/page.responses';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@liaison/domain';
import { HistoryEntryDto } from '../offices/history.responses';
import { AppendedEventDto } from '../offices/office.responses';

const DATE_TIME = { type: 'string', format: 'date-time' } as const;

class AccountFieldsDto {
  @ApiProperty({ example: 'approver.tongbai' })
  username!: string;

  @ApiProperty({ example: '桐柏县审批人' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;

  @ApiProperty({ example: 'henan.nanyang.tongbai' })
  unitId!: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: string;

  @ApiProperty({ description: 'A one-time password is pending: it must be changed at the next sign-in' })
  passwordChangeRequired!: boolean;

  @ApiProperty({ type: 'integer', description: "Events in the account's stream (as in ETag)" })
  version!: number;
}

export class UserDto extends AccountFieldsDto {
  @ApiProperty(DATE_TIME)
  createdAt!: string;

  @ApiProperty(DATE_TIME)
  updatedAt!: string;
}

export class UserListDto extends NumberedPageDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];
}

/** What a command on an account answers: the account after it and what was appended. */
export class UserCommandReplyDto extends AccountFieldsDto {
  @ApiProperty({ type: [AppendedEventDto] })
  events!: AppendedEventDto[];

  @ApiProperty({ example: '112/112' })
  position!: string;

  @ApiProperty({ description: 'True when the Idempotency-Key was seen before and nothing was appended' })
  replayed!: boolean;

  @ApiPropertyOptional({ enum: [true], description: 'Present when the lists do not show the change yet' })
  readModelsLagging?: boolean;
}

export class OneTimePasswordReplyDto extends UserCommandReplyDto {
  @ApiPropertyOptional({
    example: 'k3pvh-82gy6-tz9gj-st6rq',
    description: 'Shown once; absent on a replay (reset it again)',
  })
  oneTimePassword?: string;
}

export class UserHistoryDto {
  @ApiProperty()
  username!: string;

  @ApiProperty({ description: 'The unit the account is bound to now' })
  unitId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: [HistoryEntryDto] })
  items!: HistoryEntryDto[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as `after` for the next page; null at the end',
  })
  nextCursor!: string | null;
}
