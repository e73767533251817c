import { InvalidCommand } from './errors';

/** What the command handler adds to every command it runs. */
export interface CommandMetadata {
  /** When the command is handled (ISO-8601 instant); a decider never reads the clock itself. */
  now: string;
}

/** A command to a stream: an explicit type name, its data, and what the handler adds. */
export interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata?: CommandMetadata;
}

/**
 * A stream type's rules: what a command decides given the state, how an event changes the state, and the state
 * of a stream with no events. Pure: the handler reads, folds, decides and appends.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The handler's time for a command that records when it happened; refused when the handler set none. */
export function commandTime(command: { type: string; metadata?: CommandMetadata }): string {
  const now = command.metadata?.now;
  if (!now) {
    throw new InvalidCommand('metadata.now', `${command.type} needs the time it is handled (metadata.now)`);
  }
  return now;
}
