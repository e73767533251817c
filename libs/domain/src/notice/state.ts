import type { NoticeReadsEvent } from './events';

/** When each notice was first read. */
export interface NoticeReadsState {
  readAt: ReadonlyMap<string, string>;
}

export const initialState = (): NoticeReadsState => ({ readAt: new Map() });

export function evolve(state: NoticeReadsState, event: NoticeReadsEvent): NoticeReadsState {
  switch (event.type) {
    case 'NoticeRead': {
      if (state.readAt.has(event.data.noticeId)) return state;
      return { readAt: new Map([...state.readAt, [event.data.noticeId, event.data.readAt]]) };
    }
    default: {
      // One event type: TypeScript narrows its name, not the event, to never.
      const _: never = event.type;
      throw new Error(`unknown notice-reads event ${String(_)}`);
    }
  }
}
