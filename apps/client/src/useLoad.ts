import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api';
import { useToast } from './components/Toast';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  /** The failure message, also shown as a toast. */
  error: string | null;
  reload: () => void;
  /** Replaces the data locally (after a follow or unfollow returned the fresh value). */
  setData: (data: T) => void;
}

/**
 * Loads data for a screen: ignores answers that arrive after the screen moved on, and turns a
 * failure into a toast plus an error state instead of an exception.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const toast = useToast();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        const message = errorMessage(err);
        setError(message);
        setLoading(false);
        toast(message);
      },
    );
    return () => {
      live = false;
    };
  }, [key, round, toast]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, loading, error, reload, setData };
}
