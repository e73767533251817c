/** The stream of anchors: each one hashes the heads of every other stream up to a position of the log. */
export const ANCHOR_STREAM = 'audit-anchors';

/** Type name and data shape are what the store holds: never rename or reshape. */
export interface ChainAnchored {
  type: 'ChainAnchored';
  data: {
    /** The last position of the log the anchor covers (`commit/prepare`). */
    upTo: string;
    streams: number;
    events: number;
    /** SHA-256 over the sorted lines `<stream> <revision> <hash>` of every stream's last event up to `upTo`. */
    headsDigest: string;
  };
}

export type AnchorEvent = ChainAnchored;
