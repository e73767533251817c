import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsText } from './text';

class Named {
  @IsText({ maxLength: 20 })
  name!: string;

  @IsText({ maxLength: 200, multiline: true })
  plan!: string;
}

function check(body: Record<string, unknown>) {
  const instance = plainToInstance(Named, { name: '王芳', plan: '第一步\n第二步', ...body });
  const errors = validateSync(instance, { stopAtFirstError: true });
  return { instance, rules: errors.map((e) => [e.property, Object.keys(e.constraints ?? {})[0]]) };
}

describe('IsText', () => {
  it('trims and keeps ordinary text, and several lines where allowed', () => {
    const { instance, rules } = check({ name: '  南阳市财政局 ' });
    expect(rules).toEqual([]);
    expect(instance.name).toBe('南阳市财政局');
    expect(instance.plan).toBe('第一步\n第二步');
  });

  it.each([
    ['empty', '', 'isNotEmpty'],
    ['whitespace only', ' \t\u3000 ', 'isNotEmpty'],
    ['a number', 42, 'isString'],
    ['too long', 'x'.repeat(21), 'maxLength'],
    ['NUL', 'a\u0000b', 'visibleText'],
    ['a NUL alone', '\u0000', 'visibleText'],
    ['an unpaired high surrogate', 'a\ud800b', 'visibleText'],
    ['an unpaired low surrogate', 'a\udc00', 'visibleText'],
    ['a right-to-left override', 'abc\u202edef', 'visibleText'],
    ['a bidi isolate', 'abc\u2066def', 'visibleText'],
    ['a zero-width space', '王\u200b芳', 'visibleText'],
    ['a zero-width joiner', '王\u200d芳', 'visibleText'],
    ['a BOM inside', '王\ufeff芳', 'visibleText'],
    ['a newline in a name', '王\n芳', 'visibleText'],
    ['a Hangul filler', '\u3164', 'visibleText'],
  ])('refuses a name that is %s', (_what, name, rule) => {
    expect(check({ name }).rules).toEqual([['name', rule]]);
  });

  it('refuses NUL even in text of several lines', () => {
    expect(check({ plan: 'a\n\u0000' }).rules).toEqual([['plan', 'visibleText']]);
  });

  it('keeps a pair of surrogates (an emoji or a rare character)', () => {
    expect(check({ name: '𠀀𝔸' }).rules).toEqual([]);
  });
});
