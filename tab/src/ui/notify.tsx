import { Toast, Toaster, ToastTitle, useId, useToastController } from '@fluentui/react-components';
import { createContext, useCallback, useContext, type ReactNode } from 'react';

type Notify = (message: string, intent?: 'success' | 'error' | 'info') => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** Fluent toasts for confirmations ("Check-in saved"); errors that block a view use ProblemBar. */
export function NotifyProvider(props: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notify = useCallback<Notify>(
    (message, intent = 'success') =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, politeness: intent === 'error' ? 'assertive' : 'polite' },
      ),
    [dispatchToast],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {props.children}
      <Toaster toasterId={toasterId} position="bottom-end" />
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
