import { InvalidCommand } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import type { MarkNoticeRead } from './commands';
import { noticeReadsDecider } from './decide';
import { noticeReadsStreamId, type NoticeRead } from './events';

const { given } = givenWhenThen(noticeReadsDecider);
const NOTICE = 'work-plan.henan.nanyang.xixia.reminder';

const markRead = (noticeId: string, now = '2015-06-16T01:00:00.000Z'): MarkNoticeRead => ({
  type: 'MarkNoticeRead',
  data: { username: 'clerk.xixia', noticeId },
  metadata: { now },
});
const read = (noticeId: string, readAt = '2015-06-16T01:00:00.000Z'): NoticeRead => ({
  type: 'NoticeRead',
  data: { username: 'clerk.xixia', noticeId, readAt },
});

describe('reading notices', () => {
  it('records a notice read at the handler’s time', () => {
    given().when(markRead(NOTICE)).then(read(NOTICE));
  });

  it('marking it read again records nothing; the first time stands', () => {
    const { state } = given(read(NOTICE)).when(markRead(NOTICE, '2015-06-20T00:00:00.000Z')).then();
    expect(state.readAt.get(NOTICE)).toBe('2015-06-16T01:00:00.000Z');
  });

  it('each notice is read on its own', () => {
    given(read(NOTICE))
      .when(markRead(`${NOTICE}.other`))
      .then(read(`${NOTICE}.other`));
  });

  it('needs the time it is handled', () => {
    given()
      .when({ type: 'MarkNoticeRead', data: { username: 'clerk.xixia', noticeId: NOTICE } })
      .thenThrows(InvalidCommand, { field: 'metadata.now' });
  });

  it('keeps one stream per user, named as stored', () => {
    expect(noticeReadsStreamId('clerk.xixia')).toBe('notice-reads-clerk.xixia');
  });
});
