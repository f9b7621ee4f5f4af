// jsdom lacks a few browser APIs Mantine relies on.
import {afterEach} from 'vitest';
import {act, cleanup, configure} from '@testing-library/react';
import {notifications} from '@mantine/notifications';

// findBy* and waitFor give up after 1 s by default: a loaded 2-core CI machine
// can take longer to render a drawer. A test that passes never waits this long.
configure({asyncUtilTimeout: 20_000});

afterEach(() => {
  cleanup();
  // The notifications store is global; start every test without leftovers.
  act(() => {
    notifications.clean();
    notifications.cleanQueue();
  });
});

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', {writable: true, configurable: true, value: ResizeObserverStub});
  Object.defineProperty(globalThis, 'ResizeObserver', {writable: true, configurable: true, value: ResizeObserverStub});
}

if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = () => {};
}
if (!Element.prototype.scrollTo) {
  Element.prototype.scrollTo = () => {};
}

// Mantine reads computed styles with a pseudo-element argument jsdom does not support.
const {getComputedStyle} = window;
window.getComputedStyle = (elt: Element) => getComputedStyle(elt);

// Mantine's autosize Textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: {
      addEventListener: () => {},
      removeEventListener: () => {},
      ready: Promise.resolve(),
    },
  });
}

// jsdom's Blob/File have no text(); browsers (and the Wails webviews) do.
if (typeof Blob.prototype.text !== 'function') {
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
}
