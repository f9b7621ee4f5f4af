import {expect, it} from 'vitest';

// The bridge is the only importer of the generated bindings: the one place
// that knows the bound services, and the one place tests mock.
const sources = import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.tsx'], {query: '?raw', import: 'default', eager: true});

it('only src/bridge imports wailsjs', () => {
  const outside = Object.entries(sources)
    .filter(([path, text]) => !path.startsWith('/src/bridge/') && /from\s+['"][^'"]*wailsjs\//.test(text))
    .map(([path]) => path);
  expect(Object.keys(sources).length).toBeGreaterThan(20);
  expect(outside).toEqual([]);
});
