/** The office's stream: every event of one office's life. */
export const OFFICE_STREAM_PREFIX = 'office-';

export function officeStreamId(officeId: string): string {
  return `${OFFICE_STREAM_PREFIX}${officeId}`;
}
