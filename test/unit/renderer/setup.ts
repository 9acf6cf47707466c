import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '#');
});
