import type { DeadlineEvent } from './events';
import type { EscalationStep } from './ladder';

export interface DeadlineState {
  sent: ReadonlySet<EscalationStep>;
}

export const initialState = (): DeadlineState => ({ sent: new Set() });

export function evolve(state: DeadlineState, event: DeadlineEvent): DeadlineState {
  switch (event.type) {
    case 'DeadlineNoticeSent':
      return { sent: new Set([...state.sent, event.data.step]) };
    default: {
      // One event type: TypeScript narrows its name, not the event, to never.
      const _: never = event.type;
      throw new Error(`unknown deadline event ${String(_)}`);
    }
  }
}
