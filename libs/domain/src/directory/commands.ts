import type { Command } from '../decider';
import type { AddedUnitKind } from './events';

/** The new unit's id is its parent's id and `key` (`henan.nanyang.tanghe` + `education`). */
export type AddUnit = Command<
  'AddUnit',
  { parentId: string; key: string; name: string; kind: AddedUnitKind; reason: string }
>;
export type RenameUnit = Command<'RenameUnit', { unitId: string; name: string; reason: string }>;
export type RetireUnit = Command<'RetireUnit', { unitId: string; reason: string }>;

export type UnitDirectoryCommand = AddUnit | RenameUnit | RetireUnit;
