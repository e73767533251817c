import { deterministicUuid } from './ids';

describe('deterministicUuid', () => {
  // Outputs of the ids stored so far (also what Python's uuid.uuid5 gives for this namespace): they must never change.
  it.each([
    ['office-1|key-1|0', 'b5b87d1d-97e9-5723-b17b-e6b04e23aa31'],
    ['register|alice|4f7d2c1e-idem', 'a29df09b-d730-538a-a767-fcae25152fa1'],
    ['demo-office|xian-liaison', '469164b8-3b31-5363-b282-a1675585d8be'],
    ['deadline-office-7|rectify|2025-03-01T00:00:00.000Z', 'ac71a1a7-7cf8-592f-81d1-286f939e9048'],
    ['', 'e8c9c783-5678-5f29-840d-37db96755b0c'],
    ['驻京办|整改|2', '1525bbbb-2aab-542b-9c8c-26cb803ac58f'],
    ['lone\ud800surrogate', '76ccf722-77a7-5226-bbaf-f267feeb716d'],
  ])('maps %j to %s', (name, id) => {
    expect(deterministicUuid(name)).toBe(id);
  });
});
