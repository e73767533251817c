import type { Decider } from '../decider';
import { InvalidCommand, InvalidTransition } from '../errors';
import type { AnchorCommand } from './commands';
import type { AnchorEvent } from './events';
import { evolve, initialState, type AnchorState } from './state';

const POSITION = /^(\d{1,19})\/(\d{1,19})$/;

function position(text: string): [bigint, bigint] {
  const match = POSITION.exec(text);
  if (!match) throw new InvalidCommand('upTo', `upTo must be a log position like 1234/1234, not ${text}`);
  return [BigInt(match[1]!), BigInt(match[2]!)];
}

/** Log positions compare by commit, then prepare. */
function compare(a: string, b: string): number {
  const [ac, ap] = position(a);
  const [bc, bp] = position(b);
  if (ac !== bc) return ac < bc ? -1 : 1;
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

/**
 * An anchor must reach further into the log than the last one. The same anchor again (two anchorings of the same
 * log at once) records nothing; one that stops short of the last, or that disagrees with it about the same point of
 * the log, is refused.
 */
function decide(command: AnchorCommand, state: AnchorState): AnchorEvent[] {
  switch (command.type) {
    case 'AnchorChain': {
      const { data } = command;
      position(data.upTo);
      const last = state.last;
      const order = last ? compare(data.upTo, last.upTo) : 1;
      if (order > 0) return [{ type: 'ChainAnchored', data: { ...data } }];
      if (order === 0 && last!.headsDigest === data.headsDigest) return [];
      throw new InvalidTransition(
        order === 0
          ? `the log up to ${data.upTo} was anchored with another digest: verify the log`
          : `the log is anchored up to ${last!.upTo} already; an anchor up to ${data.upTo} does not advance it`,
        'anchored',
      );
    }
    default: {
      const _: never = command.type;
      throw new Error(`unknown anchor command ${String(_)}`);
    }
  }
}

/** The audit anchors: each reaches further into the log than the one before. */
export const anchorDecider: Decider<AnchorCommand, AnchorEvent, AnchorState> = {
  decide,
  evolve,
  initialState,
};
