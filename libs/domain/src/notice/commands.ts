import type { Command } from '../decider';

/** Read when the handler handles it (`metadata.now`). */
export type MarkNoticeRead = Command<'MarkNoticeRead', { username: string; noticeId: string }>;

export type NoticeReadsCommand = MarkNoticeRead;
