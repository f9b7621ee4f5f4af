import {afterEach, beforeEach, vi, type MockInstance} from 'vitest';

/**
 * jsdom has no layout: for the tests of the calling file, every element gets a 800×600 box so
 * virtualised tables see a viewport (the virtualiser reads clientHeight/clientWidth of the
 * scroll element and offsetHeight of measured rows).
 */
export function fakeLayout() {
  const spies: MockInstance[] = [];
  beforeEach(() => {
    spies.push(
      vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600),
      vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(600),
      vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(800),
    );
  });
  afterEach(() => {
    spies.splice(0).forEach((s) => s.mockRestore());
  });
}
