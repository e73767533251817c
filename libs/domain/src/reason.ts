/** The longest reason an administrative change (to an account, to the tree of units) goes on record with. */
export const REASON_MAX_LENGTH = 500;
