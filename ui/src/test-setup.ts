// What jsdom lacks and the virtual table needs. Layout does not exist in jsdom, so the table
// renders no rows here; row rendering is covered by the end-to-end tests in the real WebView.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
Element.prototype.scrollTo ??= function () {};
