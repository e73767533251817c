import { applyDecorators } from '@nestjs/common';
import { Max, Min, ValidateBy } from 'class-validator';

/** The largest amount the API takes, in yuan: far beyond any office's assets, well within a double's exact cents. */
export const MAX_YUAN = 1e12;

/**
 * Whether the value is a finite number with at most two decimal places (whole fen). Judged on the number, not on its
 * text: class-validator's `maxDecimalPlaces` splits `toString()` at the dot and throws on 1e-7, which has none.
 */
export function isYuan(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value;
}

/** An amount in yuan: a number of whole fen, from 0 to MAX_YUAN. */
export function IsYuan(): PropertyDecorator {
  return applyDecorators(
    ValidateBy(
      { name: 'isYuan', validator: { validate: isYuan } },
      { message: ({ property }) => `${property} must be an amount in yuan with at most two decimal places` },
    ),
    Min(0),
    Max(MAX_YUAN),
  );
}
