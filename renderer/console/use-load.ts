import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { useConsole } from './context';

/**
 * Loads data for a page: again whenever `key` changes (say, the selected IdP) or `reload()` is
 * called; nothing while `key` is null. Errors go to the console's alert. `data` is undefined
 * until the load for the current key has answered, so a page never shows another IdP's rows.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>) {
  const { run } = useConsole();
  const [state, setState] = useState<{ key: string | null; data: T | undefined }>({
    key: null,
    data: undefined,
  });
  const [version, setVersion] = useState(0);
  const loadNow = useEffectEvent(load);
  const runNow = useEffectEvent(run);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    void runNow(async () => {
      const data = await loadNow();
      if (current) setState({ key, data });
    });
    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.key === key ? state.data : undefined, reload };
}
