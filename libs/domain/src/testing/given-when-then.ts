/**
 * Given/when/then for any decider, so a spec reads like the plan:
 *
 *   const { given } = givenWhenThen(officeDecider(nanyangContext()));
 *   given(officeRegistered({ sponsor: UNIT.wancheng, host: 'zhengzhou' }))
 *     .when(requestRetention())
 *     .thenThrows(PolicyViolation, { ruleId: '三(一)-a' });
 *
 * The given events are folded with the decider's `evolve`; the command goes through its `decide`. Not a spec
 * itself: no tests live here.
 */
import type { Decider } from '../decider';
import type { DomainError } from '../errors';

/**
 * What a refusal must carry. `ruleId` and `field` are always compared: leaving one out asserts the error has none,
 * so a refusal that starts or stops citing a rule fails the spec. `message` is a substring (or pattern);
 * `status` the state an InvalidTransition reports.
 */
export interface Refusal {
  ruleId?: string;
  field?: string;
  message?: string | RegExp;
  status?: string;
}

type ErrorClass<E extends DomainError> = new (...args: never[]) => E;

export interface Outcome<Event, State> {
  events: Event[];
  /** The given state with the decided events applied. */
  state: State;
}

export class Given<Command extends { type: string }, Event, State> {
  readonly state: State;

  constructor(
    private readonly decider: Decider<Command, Event, State>,
    history: readonly Event[],
  ) {
    this.state = fold(decider, history);
  }

  when(command: Command): When<Command, Event, State> {
    return new When(this.decider, this.state, command);
  }
}

export class When<Command extends { type: string }, Event, State> {
  constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly state: State,
    private readonly command: Command,
  ) {}

  /** Asserts exactly these events, in order (no missing, extra or undefined-valued keys). */
  then(...expected: Event[]): Outcome<Event, State> {
    const events = this.decider.decide(this.command, this.state);
    expect(events).toStrictEqual(expected);
    return { events, state: events.reduce((state, event) => this.decider.evolve(state, event), this.state) };
  }

  /** Asserts that decide refuses with exactly this error class, rule id and field. */
  thenThrows<E extends DomainError>(errorClass: ErrorClass<E>, expected: Refusal = {}): E {
    let events: Event[];
    try {
      events = this.decider.decide(this.command, this.state);
    } catch (caught) {
      expect(caught).toBeInstanceOf(errorClass);
      const error = caught as E;
      // A subclass would pass instanceof; the refusal kind must be exactly the one named.
      expect(error.constructor).toBe(errorClass);
      expect({ ruleId: error.ruleId, field: error.field }).toStrictEqual({
        ruleId: expected.ruleId,
        field: expected.field,
      });
      if (typeof expected.message === 'string') expect(error.message).toContain(expected.message);
      if (expected.message instanceof RegExp) expect(error.message).toMatch(expected.message);
      if (expected.status !== undefined)
        expect((error as unknown as { status?: string }).status).toBe(expected.status);
      return error;
    }
    throw new Error(
      `expected ${errorClass.name} but ${this.command.type} produced ${JSON.stringify(events)}`,
    );
  }
}

/** The state a stream with these events is in. */
export function fold<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

export function givenWhenThen<Command extends { type: string }, Event, State>(
  decider: Decider<Command, Event, State>,
): { given: (...history: Event[]) => Given<Command, Event, State> } {
  return { given: (...history) => new Given(decider, history) };
}
