import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, TIERS } from '@liaison/domain';

export class AccountProfileDto {
  @ApiProperty({ example: 'approver.xichuan' })
  username!: string;

  @ApiProperty({ example: '淅川县审批人' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;

  @ApiProperty({ example: 'henan.nanyang.xichuan' })
  unitId!: string;

  @ApiPropertyOptional({ enum: TIERS, description: 'An approver: the tier they decide at' })
  tier?: string;

  @ApiPropertyOptional({
    description: 'The unit they act within; absent for an administrator of the whole tree',
  })
  jurisdictionId?: string;
}

export class MeDto extends AccountProfileDto {
  @ApiPropertyOptional({ enum: [true], description: 'Signed in with a one-time password not yet changed' })
  passwordChangeRequired?: boolean;
}

export class LoginResultDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: string;

  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ type: AccountProfileDto })
  user!: AccountProfileDto;

  @ApiPropertyOptional({
    enum: [true],
    description: 'A one-time password: the token only allows POST /auth/password and GET /auth/me',
  })
  passwordChangeRequired?: boolean;
}

export class SessionDto {
  @ApiProperty({ type: AccountProfileDto })
  user!: AccountProfileDto;

  @ApiPropertyOptional({
    enum: [true],
    description: 'A one-time password: the session only allows POST /auth/password and GET /auth/me',
  })
  passwordChangeRequired?: boolean;

  @ApiProperty({ format: 'date-time', description: 'When the session ends (sign in again then)' })
  expiresAt!: string;
}
