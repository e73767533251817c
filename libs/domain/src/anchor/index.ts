export type * from './commands';
export { anchorDecider } from './decide';
export * from './events';
export type { AnchorState } from './state';
