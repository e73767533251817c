import type { Command } from '../decider';
import type { ChainAnchored } from './events';

/** The anchor as computed over the log by whoever verified it (the decider cannot read the log). */
export type AnchorChain = Command<'AnchorChain', ChainAnchored['data']>;

export type AnchorCommand = AnchorChain;
