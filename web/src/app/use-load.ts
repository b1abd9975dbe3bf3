import { useCallback, useEffect, useState } from 'react';
import { problemText } from '../api/client.ts';

/** The answer of one typed API call (openapi-fetch's result). */
export type ApiResult<T> = { data?: T; error?: unknown; response: Response };

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** Loads once per change of `load` (wrap it in useCallback) and on reload; keeps the last error. */
export function useLoad<T>(load: () => Promise<ApiResult<T>>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (result) => {
        if (!live) return;
        if (result.data !== undefined) {
          setData(result.data);
          setError(null);
        } else setError(problemText(result.error, result.response));
      },
      (failure: unknown) => live && setError(String(failure)),
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, reload };
}
