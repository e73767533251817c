import { REASON_MAX_LENGTH } from '../reason';
import type { Decider } from '../decider';
import { InvalidCommand } from '../errors';
import { JurisdictionCatalog, type JurisdictionUnit } from '../jurisdiction';
import type { AddUnit, RenameUnit, RetireUnit, UnitDirectoryCommand } from './commands';
import { UnitConflict, UnitNotFound } from './errors';
import type { UnitAdded, UnitDirectoryEvent } from './events';
import { evolveOver, initialState, treeOf, type UnitDirectoryState } from './state';

export const UNIT_KEY_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const UNIT_NAME_MAX_LENGTH = 100;
// Control and format characters (newlines, NUL, bidirectional overrides) have no place in a unit's name.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function checkName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > UNIT_NAME_MAX_LENGTH || INVISIBLE.test(trimmed)) {
    throw new InvalidCommand(
      'name',
      `name must be 1 to ${UNIT_NAME_MAX_LENGTH} characters without control characters`,
    );
  }
  return trimmed;
}

function checkReason(reason: unknown): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length === 0 || trimmed.length > REASON_MAX_LENGTH) {
    throw new InvalidCommand(
      'reason',
      `every change to the tree needs its reason (1 to ${REASON_MAX_LENGTH} characters)`,
    );
  }
  return trimmed;
}

function unitOf(tree: JurisdictionCatalog, unitId: unknown): JurisdictionUnit {
  const unit = typeof unitId === 'string' ? tree.find(unitId) : undefined;
  if (!unit) throw new UnitNotFound(String(unitId));
  return unit;
}

/** Two live units under one government with the same name could not be told apart by a clerk. */
function checkNameFree(tree: JurisdictionCatalog, parentId: string, name: string, except?: string): void {
  const twin = tree.children(parentId).find((u) => u.id !== except && !u.retired && u.name === name);
  if (twin) throw new UnitConflict(`${twin.id} under ${parentId} already has the name ${name}`, 'name');
}

/**
 * 一: a sponsor is a government of county level or above, or one of its functional departments, and a management
 * committee is treated like a county-level government. So a department goes under a government (the province, a
 * city or a county-level unit) and a management committee under a city.
 */
function addUnit({ data }: AddUnit, tree: JurisdictionCatalog): UnitDirectoryEvent[] {
  if (typeof data.key !== 'string' || !UNIT_KEY_PATTERN.test(data.key)) {
    throw new InvalidCommand(
      'key',
      'key must be 1 to 40 characters of a-z, 0-9 and hyphen, starting with a letter',
    );
  }
  if (data.kind !== 'department' && data.kind !== 'management-committee') {
    throw new InvalidCommand('kind', 'kind must be department or management-committee');
  }
  const name = checkName(data.name);
  const reason = checkReason(data.reason);
  const parent = typeof data.parentId === 'string' ? tree.find(data.parentId) : undefined;
  if (!parent)
    throw new InvalidCommand('parentId', `parentId ${String(data.parentId)} is not a unit of the tree`);
  if (parent.retired) {
    throw new InvalidCommand(
      'parentId',
      `${parent.name} (${parent.id}) is retired: nothing is added under it`,
    );
  }
  if (data.kind === 'department' && parent.kind === 'department') {
    throw new InvalidCommand(
      'parentId',
      `a department belongs to a government (the province, a city or a county-level unit), not to ${parent.name} (一)`,
      '一',
    );
  }
  if (data.kind === 'management-committee' && parent.kind !== 'city') {
    throw new InvalidCommand(
      'parentId',
      `a management committee is county-level and belongs to a city, not to ${parent.name} (一)`,
      '一',
    );
  }
  const added: UnitAdded['data'] = {
    unitId: `${parent.id}.${data.key}`,
    name,
    ...(data.kind === 'department'
      ? { kind: 'department' as const }
      : { kind: 'county' as const, countyLevelKind: 'management-committee' as const }),
    parentId: parent.id,
    reason,
  };
  const existing = tree.find(added.unitId);
  if (existing) {
    const same =
      existing.name === added.name &&
      existing.kind === added.kind &&
      existing.parentId === added.parentId &&
      !existing.retired;
    if (same) return []; // the same unit added again: a retry
    throw new UnitConflict(
      `unit ${added.unitId} exists already (${existing.name}): choose another key`,
      'key',
    );
  }
  checkNameFree(tree, parent.id, name);
  return [{ type: 'UnitAdded', data: added }];
}

function renameUnit({ data }: RenameUnit, tree: JurisdictionCatalog): UnitDirectoryEvent[] {
  const unit = unitOf(tree, data.unitId);
  const name = checkName(data.name);
  const reason = checkReason(data.reason);
  if (unit.retired)
    throw new UnitConflict(`${unit.name} (${unit.id}) is retired: it is not renamed`, 'unitId');
  if (unit.name === name) return [];
  if (unit.parentId !== undefined) checkNameFree(tree, unit.parentId, name, unit.id);
  return [{ type: 'UnitRenamed', data: { unitId: unit.id, from: unit.name, to: name, reason } }];
}

/** A unit with live units below it is retired after them: a live unit under a retired one would be orphaned. */
function retireUnit({ data }: RetireUnit, tree: JurisdictionCatalog): UnitDirectoryEvent[] {
  const unit = unitOf(tree, data.unitId);
  const reason = checkReason(data.reason);
  if (unit.retired) return [];
  if (unit.kind === 'province') throw new InvalidCommand('unitId', 'the province is the root of the tree');
  const live = tree.children(unit.id).filter((child) => !child.retired);
  if (live.length > 0) {
    const names = live.slice(0, 5).map((child) => `${child.name} (${child.id})`);
    throw new UnitConflict(
      `${unit.name} has ${live.length} live units below it (${names.join(', ')}${live.length > 5 ? ', …' : ''}): retire them first`,
      'unitId',
    );
  }
  return [{ type: 'UnitRetired', data: { unitId: unit.id, name: unit.name, reason } }];
}

/** The unit directory's decider over the province's static tree (`base`): every change is checked against both. */
export function unitDirectoryDecider(
  base: readonly JurisdictionUnit[],
): Decider<UnitDirectoryCommand, UnitDirectoryEvent, UnitDirectoryState> {
  const baseCatalog = new JurisdictionCatalog(base);
  return {
    decide(command, state) {
      const tree = treeOf(base, state);
      switch (command.type) {
        case 'AddUnit':
          return addUnit(command, tree);
        case 'RenameUnit':
          return renameUnit(command, tree);
        case 'RetireUnit':
          return retireUnit(command, tree);
        default: {
          const _: never = command;
          throw new Error(`unknown unit directory command ${JSON.stringify(_)}`);
        }
      }
    },
    evolve: evolveOver(baseCatalog),
    initialState,
  };
}
