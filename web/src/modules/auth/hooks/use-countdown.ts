import { useCallback, useEffect, useState } from 'react';

/**
 * Seconds left until a moment set by `start(seconds)`, re-rendering once a second; 0 when none is
 * running. Counted from the clock rather than by ticks, so a throttled background tab stays right.
 */
export function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setUntil(at + Math.max(0, seconds) * 1000);
  }, []);
  const running = until > now;
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return [running ? Math.ceil((until - now) / 1000) : 0, start];
}
