import { ApiProperty } from '@nestjs/swagger';

/** What every numbered page of a list says beside its items: how many in all, which page, of what size. */
export abstract class NumberedPageDto {
  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}
