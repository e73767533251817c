import type { PublishDisclosure } from './commands';
import { disclosureDeadline, type RegulationPolicy } from './deadlines';
import type { RegulationEvent } from './events';
import { amount, mustBeRegulated, once, required, yearInRange } from './guards';
import type { RegulationState } from './state';

/**
 * 五(三): every year the office publishes its reception budget and spending, venues and items. Publishing a year
 * records the next year's deadline, so the duty comes round every year on the same ladder.
 */
export function publishDisclosure(
  { data }: PublishDisclosure,
  state: RegulationState,
  now: string,
  policy: RegulationPolicy,
): RegulationEvent[] {
  const office = mustBeRegulated(state, data.officeId);
  const disclosure = {
    officeId: data.officeId,
    year: yearInRange(data.year, 'year', office.retainedAt, now),
    budget: amount(data.budget, 'budget'),
    spending: amount(data.spending, 'spending'),
    venues: required(data.venues, 'venues', '五(三)', 'the disclosure names the reception venues and items'),
    publication: required(
      data.publication,
      'publication',
      '五(三)',
      'say where the budget and spending were published for public scrutiny',
    ),
  };
  if (
    once(state.disclosures[disclosure.year], disclosure, `the disclosure of ${disclosure.year}`, '五(三)')
  ) {
    return [];
  }
  const published: RegulationEvent = {
    type: 'DisclosurePublished',
    data: { ...disclosure, publishedAt: now },
  };
  return [
    published,
    ...disclosureDeadline(state, policy, data.officeId, disclosure.year + 1, office.retainedAt),
  ];
}
