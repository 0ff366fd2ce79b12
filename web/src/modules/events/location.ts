/** Longitude and latitude (WGS-84, as browsers give them), rounded to about a metre. */
export interface Position {
  longitude: number;
  latitude: number;
}

/**
 * Where the device is, when the user has already let the site know it; never prompts and never
 * waits long, so a step taken without location still goes through at once.
 */
export async function currentPosition(timeoutMs = 4000): Promise<Position | Record<string, never>> {
  if (!('geolocation' in navigator) || !navigator.permissions) return {};
  try {
    const status = await navigator.permissions.query({ name: 'geolocation' });
    if (status.state !== 'granted') return {};
  } catch {
    return {};
  }
  return locate(timeoutMs).catch(() => ({}));
}

/** Asks the browser for the position (it may prompt); rejects when refused or too slow. */
export function locate(timeoutMs = 10_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          longitude: Math.round(p.coords.longitude * 1e6) / 1e6,
          latitude: Math.round(p.coords.latitude * 1e6) / 1e6,
        }),
      reject,
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
