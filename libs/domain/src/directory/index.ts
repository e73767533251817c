export type * from './commands';
export { REASON_MAX_LENGTH, UNIT_KEY_PATTERN, UNIT_NAME_MAX_LENGTH, unitDirectoryDecider } from './decide';
export * from './errors';
export * from './events';
export { applyToCatalog, treeOf, type UnitDirectoryState } from './state';
