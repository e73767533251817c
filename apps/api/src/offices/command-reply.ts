import type { ExecuteResult } from '@liaison/application';
import { formatPosition } from '@liaison/event-store';

/** What a command on an office answers: the office's version and status after it, and what it appended. */
export function officeCommandReply(officeId: string, result: ExecuteResult<'office'>) {
  return {
    officeId,
    version: result.version,
    status: result.state.office.status,
    events: result.events.map(({ id, type, revision }) => ({ id, type, revision })),
    // An office's stream is never empty after a command that did not fail.
    position: formatPosition(result.position!),
    replayed: result.replayed,
    ...(result.readModelsLagging ? { readModelsLagging: true } : {}),
  };
}

export type OfficeCommandReply = ReturnType<typeof officeCommandReply>;
