import { commandTime, type Decider } from '../decider';
import type { NoticeReadsCommand } from './commands';
import type { NoticeReadsEvent } from './events';
import { evolve, initialState, type NoticeReadsState } from './state';

/** A notice is read once: marking it again records nothing, and the first time stands. */
function decide(command: NoticeReadsCommand, state: NoticeReadsState): NoticeReadsEvent[] {
  switch (command.type) {
    case 'MarkNoticeRead': {
      const { username, noticeId } = command.data;
      if (state.readAt.has(noticeId)) return [];
      return [{ type: 'NoticeRead', data: { username, noticeId, readAt: commandTime(command) } }];
    }
    default: {
      const _: never = command.type;
      throw new Error(`unknown notice-reads command ${String(_)}`);
    }
  }
}

export const noticeReadsDecider: Decider<NoticeReadsCommand, NoticeReadsEvent, NoticeReadsState> = {
  decide,
  evolve,
  initialState,
};
