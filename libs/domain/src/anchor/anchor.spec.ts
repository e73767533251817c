import { InvalidCommand, InvalidTransition } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import type { AnchorChain } from './commands';
import { anchorDecider } from './decide';
import type { ChainAnchored } from './events';

const { given } = givenWhenThen(anchorDecider);
const DIGEST = 'a'.repeat(64);

const anchor = (upTo: string, headsDigest = DIGEST): AnchorChain => ({
  type: 'AnchorChain',
  data: { upTo, streams: 3, events: 12, headsDigest },
});
const anchored = (upTo: string, headsDigest = DIGEST): ChainAnchored => ({
  type: 'ChainAnchored',
  data: { upTo, streams: 3, events: 12, headsDigest },
});

describe('audit anchors', () => {
  it('anchors a log never anchored before', () => {
    given().when(anchor('12/12')).then(anchored('12/12'));
  });

  it('anchors further into the log than the last anchor', () => {
    given(anchored('12/12'))
      .when(anchor('13/13', 'b'.repeat(64)))
      .then(anchored('13/13', 'b'.repeat(64)));
    // Commit first, then prepare: 10 comes after 9 (not a text comparison).
    given(anchored('9/9')).when(anchor('10/10')).then(anchored('10/10'));
    given(anchored('12/11')).when(anchor('12/12')).then(anchored('12/12'));
  });

  it('the same anchor again (two anchorings at once) records nothing', () => {
    given(anchored('12/12')).when(anchor('12/12')).then();
  });

  it('refuses an anchor that stops short of the last one', () => {
    given(anchored('12/12'), anchored('20/20'))
      .when(anchor('15/15'))
      .thenThrows(InvalidTransition, { message: 'anchored up to 20/20 already', status: 'anchored' });
  });

  it('refuses another digest for a point of the log already anchored', () => {
    given(anchored('12/12'))
      .when(anchor('12/12', 'c'.repeat(64)))
      .thenThrows(InvalidTransition, { message: 'another digest', status: 'anchored' });
  });

  it('refuses an anchor whose position is not a log position', () => {
    given().when(anchor('twelve')).thenThrows(InvalidCommand, { field: 'upTo' });
  });
});
