import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Characters a reader cannot see or that change how the text around them reads: controls (NUL and the like),
 * format characters (bidirectional overrides, zero-width spaces and joiners, a BOM inside the text), unpaired
 * surrogates, private-use and non-characters, line and paragraph separators, and the fillers that render blank.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u2028\u2029\ufffe\uffff\u115f\u1160\u3164\uffa0]|\u034f/u;
/** The same, but for text of several lines: newlines, carriage returns and tabs are allowed there. */
const HIDDEN_IN_LINES =
  /(?![\n\r\t])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u2028\u2029\ufffe\uffff\u115f\u1160\u3164\uffa0]|\u034f/u;

export interface TextOptions {
  maxLength: number;
  /** Free text of several lines (a plan, a summary, a comment): newlines and tabs are allowed. */
  multiline?: boolean;
  /** What to say when the text is missing or blank; by default that it must not be. */
  requiredMessage?: string;
}

/** Whether the text holds no character a reader cannot see. */
export function isVisibleText(value: unknown, multiline = false): boolean {
  return typeof value === 'string' && !(multiline ? HIDDEN_IN_LINES : HIDDEN).test(value);
}

/**
 * A name, recipient, reference, justification or reason as it goes on record: a string, trimmed, not empty once
 * trimmed, at most `maxLength` characters, and free of control and invisible characters.
 */
export function IsText(options: TextOptions): PropertyDecorator {
  const multiline = options.multiline ?? false;
  const visible: ValidationOptions = {
    message: ({ property }) =>
      `${property} must not contain control or invisible characters (NUL, bidirectional overrides, zero-width characters, unpaired surrogates${multiline ? '' : ', line breaks'})`,
  };
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    // Checked in this order (stopAtFirstError): the first rule broken is the one reported, so a field left out is
    // told it is required rather than that it is not a string.
    IsNotEmpty({
      message: ({ property }) =>
        options.requiredMessage ?? `${property} must not be empty or only whitespace`,
    }),
    IsString(),
    MaxLength(options.maxLength),
    ValidateBy(
      { name: 'visibleText', validator: { validate: (value) => isVisibleText(value, multiline) } },
      visible,
    ),
  );
}
