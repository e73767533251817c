import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsYuan, isYuan } from './amount';

class Priced {
  @IsYuan()
  value!: number;
}

const rules = (value: unknown) =>
  validateSync(plainToInstance(Priced, { value }), { stopAtFirstError: true }).map(
    (error) => Object.keys(error.constraints ?? {})[0],
  );

describe('IsYuan', () => {
  it.each([0, 1, 0.5, 0.29, 86000, 1800000.55, 1e12])('takes %s', (value) => {
    expect(rules(value)).toEqual([]);
  });

  it.each([
    // Fractions class-validator writes with an exponent and no dot: its own check threw on them.
    [7e-323, 'isYuan'],
    [5e-324, 'isYuan'],
    [1e-7, 'isYuan'],
    [0.001, 'isYuan'],
    [1.005, 'isYuan'],
    [Number.NaN, 'isYuan'],
    [Number.POSITIVE_INFINITY, 'isYuan'],
    ['12', 'isYuan'],
    [null, 'isYuan'],
    [-1, 'min'],
    [1e300, 'max'],
  ])('refuses %s (%s)', (value, rule) => {
    expect(rules(value)).toEqual([rule]);
  });

  it('is the same check on its own', () => {
    expect(isYuan(12.5)).toBe(true);
    expect(isYuan(1e-7)).toBe(false);
  });
});
