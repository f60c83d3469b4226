import { useCallback, useState } from 'react';
import { ApiError } from './api-error.js';

export interface Submit {
  /** True while an action runs: disables the control that started it. */
  busy: boolean;
  /** The last action's refusal (problem+json), shown with ProblemBar; cleared when one starts. */
  error: ApiError | undefined;
  /**
   * Runs `action`; resolves true when it succeeded and false when the API refused it (the
   * refusal is then in `error`). Anything that is not an ApiError is a bug and is rethrown.
   */
  run(action: () => Promise<unknown>): Promise<boolean>;
}

/** The busy / ApiError / finally bookkeeping every form and button that writes shares. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (cause) {
      if (cause instanceof ApiError) {
        setError(cause);
        return false;
      }
      throw cause;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
