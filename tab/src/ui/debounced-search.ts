import { useEffect, useState } from 'react';

/**
 * A search box's text and the query sent to the API: the query follows the text 300 ms after the
 * last keystroke (trimmed), so typing a name asks the directory once, not once a letter.
 */
export function useDebouncedSearch(): {
  typed: string;
  setTyped(text: string): void;
  q: string;
  clear(): void;
} {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(t);
  }, [typed]);
  return {
    typed,
    setTyped,
    q,
    clear() {
      setTyped('');
      setQ('');
    },
  };
}
