import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from './api-context.js';
import { ApiError, networkProblem } from './api-error.js';

export type Resource<T> =
  | { state: 'loading'; data: undefined; error: undefined }
  | { state: 'error'; data: T | undefined; error: ApiError }
  | { state: 'ready'; data: T; error: undefined };

export interface UseResourceOptions {
  /** Re-fetch on this interval (bookings progress); the last good data stays on screen. */
  pollMs?: number;
}

/** Loads `path` (null: nothing to load yet) and keeps loading/error/ready explicit for the view. */
export function useResource<T>(
  path: string | null,
  options: UseResourceOptions = {},
): Resource<T> & { reload(): void } {
  const api = useApi();
  const [resource, setResource] = useState<Resource<T>>({
    state: 'loading',
    data: undefined,
    error: undefined,
  });
  const [generation, setGeneration] = useState(0);
  const last = useRef<T | undefined>(undefined);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (first: boolean) => {
      if (first && last.current === undefined) {
        setResource({ state: 'loading', data: undefined, error: undefined });
      }
      try {
        const data = await api.get<T>(path, controller.signal);
        if (controller.signal.aborted) return;
        last.current = data;
        setResource({ state: 'ready', data, error: undefined });
      } catch (cause) {
        if (controller.signal.aborted) return;
        const error = cause instanceof ApiError ? cause : networkProblem(cause);
        setResource({ state: 'error', data: last.current, error });
      }
      if (options.pollMs !== undefined && !controller.signal.aborted) {
        timer = setTimeout(() => void load(false), options.pollMs);
      }
    };
    void load(true);
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, path, generation, options.pollMs]);

  return { ...resource, reload };
}
