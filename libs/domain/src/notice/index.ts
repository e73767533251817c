export type * from './commands';
export { noticeReadsDecider } from './decide';
export * from './events';
export type { NoticeReadsState } from './state';
