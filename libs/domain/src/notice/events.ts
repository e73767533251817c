/** Each user's reads of the notices addressed to them, in one stream per user, `notice-reads-<username>`. */
export const NOTICE_READS_STREAM_PREFIX = 'notice-reads-';

export function noticeReadsStreamId(username: string): string {
  return `${NOTICE_READS_STREAM_PREFIX}${username}`;
}

/** A user has read a notice (a reminder or an escalation). Type name and shape are what the store holds. */
export interface NoticeRead {
  type: 'NoticeRead';
  data: { username: string; noticeId: string; readAt: string };
}

export type NoticeReadsEvent = NoticeRead;
