import type { AnchorEvent, ChainAnchored } from './events';

export interface AnchorState {
  last?: ChainAnchored['data'];
}

export const initialState = (): AnchorState => ({});

export function evolve(_state: AnchorState, event: AnchorEvent): AnchorState {
  switch (event.type) {
    case 'ChainAnchored':
      return { last: event.data };
    default: {
      // One event type: TypeScript narrows its name, not the event, to never.
      const _: never = event.type;
      throw new Error(`unknown anchor event ${String(_)}`);
    }
  }
}
