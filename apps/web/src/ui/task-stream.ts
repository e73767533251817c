import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Schemas } from '../api/client';
import { sessionExpired } from '../api/client';

export type TaskChange = Schemas['TaskChangeDto'];

/**
 * Follows GET /tasks/stream while mounted: each change of a task the user may see marks the given queries stale
 * (the inbox by default), so lists refresh themselves. EventSource reconnects on its own after a drop; a stream the
 * server ends for an invalid session is the session expiring.
 */
export function useTaskStream(
  keys: readonly (readonly unknown[])[] = [['inbox']],
  onChange?: (change: TaskChange) => void,
): void {
  const queries = useQueryClient();
  // The latest keys and callback, without opening a new stream on each render.
  const latest = useRef({ keys, onChange });
  latest.current = { keys, onChange };
  useEffect(() => {
    const source = new EventSource('/tasks/stream');
    source.addEventListener('task', (event) => {
      for (const queryKey of latest.current.keys) void queries.invalidateQueries({ queryKey });
      latest.current.onChange?.(JSON.parse((event as MessageEvent<string>).data) as TaskChange);
    });
    source.addEventListener('session-ended', () => {
      source.close();
      sessionExpired();
    });
    return () => source.close();
  }, [queries]);
}
