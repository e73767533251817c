import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The OpenAPI document names each schema after its class: two DTO classes of one name would silently share one
 * schema, and the console's client would be typed with the wrong one.
 */
describe('DTO class names', () => {
  it('are unique across the API and the libraries', () => {
    const root = join(__dirname, '..', '..', '..');
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const folder of ['apps', 'libs']) {
      for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
        const text = readFileSync(join(root, folder, file), 'utf8');
        for (const [, name] of text.matchAll(/export class (\w+Dto)\b/g)) {
          const where = join(folder, file);
          if (seen.has(name!)) duplicates.push(`${name} in ${seen.get(name!)} and ${where}`);
          else seen.set(name!, where);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(duplicates).toEqual([]);
  });
});
