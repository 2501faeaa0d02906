import { useEffect, useState } from 'react';

const searchDelayMs = 300;

/** Waits until typing pauses before searching, so each keystroke is not a request. */
export function useSettledValue(value: string, delayMs = searchDelayMs): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}
