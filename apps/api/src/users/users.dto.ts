import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  DISPLAY_NAME_MAX_LENGTH,
  REASON_MAX_LENGTH,
  ROLES,
  USERNAME_PATTERN,
  USERNAME_START,
  type Role,
} from '@liaison/domain';
import { IsText } from '../common/text';
import { PageQueryDto } from '../offices/dto';

const USERNAME_RULE = '2 to 64 characters of a-z, 0-9, dot, underscore or hyphen';

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;

/** Why an administrator makes a change: it goes on record with the event. */
export class ReasonDto {
  @ApiProperty({ example: '桐柏县审批人到岗 (县政府办函〔2015〕12号)', maxLength: REASON_MAX_LENGTH })
  @IsText({
    maxLength: REASON_MAX_LENGTH,
    requiredMessage: 'reason must be given: it goes on record with the change',
  })
  reason!: string;
}

export class CreateUserDto extends ReasonDto {
  @ApiProperty({
    example: 'approver.tongbai',
    description: `${USERNAME_RULE}, beginning with a letter or digit`,
  })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: `username must be ${USERNAME_RULE}` })
  @Matches(USERNAME_START, { message: 'username must begin with a letter (a-z) or a digit' })
  username!: string;

  @ApiProperty({ example: '桐柏县审批人', maxLength: DISPLAY_NAME_MAX_LENGTH })
  @IsText({ maxLength: DISPLAY_NAME_MAX_LENGTH })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({
    example: 'henan.nanyang.tongbai',
    description: 'The unit the account is bound to (GET /jurisdictions): its jurisdiction',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unitId!: string;
}

/** Another role, another unit, or both; what is left out stays as it is. */
export class ChangeUserRoleDto extends ReasonDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ example: 'henan.nanyang.bureau' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unitId?: string;
}

export class UserListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Accounts bound to this unit or below it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES, { message: `status must be one of ${ACCOUNT_STATUSES.join(', ')}` })
  status?: (typeof ACCOUNT_STATUSES)[number];
}
