export type * from './commands';
export { UNIT_KEY_PATTERN, UNIT_NAME_MAX_LENGTH, unitDirectoryDecider } from './decide';
export * from './errors';
export * from './events';
export { applyToCatalog, treeOf, type UnitDirectoryState } from './state';
