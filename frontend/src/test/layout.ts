import {afterEach, beforeEach, vi, type MockInstance} from 'vitest';

/**
 * jsdom has no layout: for the tests of the calling file, every element gets a 800×600 box so
 * virtualised tables see a viewport (the virtualiser reads clientHeight/clientWidth of the
 * scroll element and offsetHeight of measured rows), and scrollTo scrolls: it sets scrollTop
 * and fires the scroll event the virtualiser listens to. Content is taller than anything
 * scrolled to (the virtualiser keeps its offsets within the list).
 */
export function fakeLayout() {
  const spies: MockInstance[] = [];
  const offsets = new WeakMap<Element, number>();
  beforeEach(() => {
    spies.push(
      vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600),
      vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(600),
      vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(800),
      vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(10_000_000),
      vi.spyOn(Element.prototype, 'scrollTop', 'get').mockImplementation(function (this: Element) {
        return offsets.get(this) ?? 0;
      }),
      vi.spyOn(Element.prototype, 'scrollTo').mockImplementation(function (this: Element, options?: ScrollToOptions | number) {
        const top = typeof options === 'object' ? options.top : undefined;
        if (top === undefined) return;
        offsets.set(this, Math.max(0, top));
        this.dispatchEvent(new Event('scroll'));
      }),
    );
  });
  afterEach(() => {
    spies.splice(0).forEach((s) => s.mockRestore());
  });
}
