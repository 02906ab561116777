// The same signal as Tandem's: after the frame that shows the page has been painted.
requestAnimationFrame(() => setTimeout(() => window.__TAURI_INTERNALS__.invoke('painted'), 0));
