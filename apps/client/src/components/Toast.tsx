import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

type ShowToast = (message: string) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

/** How long a toast stays up, as WeChat's own toasts do. */
const TOAST_MS = 2000;

/**
 * Shows one short message at a time over the phone screen. Every failed API call and every
 * confirmation ("已关注") goes through here, so errors are seen instead of crashing a screen.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ id: number; text: string } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const show = useCallback<ShowToast>((text) => {
    window.clearTimeout(timer.current);
    setToast((prev) => ({ id: (prev?.id ?? 0) + 1, text }));
    timer.current = window.setTimeout(() => setToast(null), TOAST_MS);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <ToastContext.Provider value={show}>
      {children}
      {toast && (
        <div className="toast" role="status" aria-live="polite" data-testid="toast" key={toast.id}>
          {toast.text}
        </div>
      )}
    </ToastContext.Provider>
  );
}

/** The function that shows a toast. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}
