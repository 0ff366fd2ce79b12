export type BrowserKey = 'edge' | 'chrome' | 'firefox' | 'safari' | 'opera' | 'wechat' | 'qq' | 'unknown';
export type SystemKey = 'windows' | 'macos' | 'ios' | 'android' | 'harmonyos' | 'linux' | 'unknown';

// Order matters: in-app and derived browsers also claim to be Chrome or Safari.
const BROWSERS: ReadonlyArray<[RegExp, BrowserKey]> = [
  [/MicroMessenger/i, 'wechat'],
  [/MQQBrowser|QQBrowser/i, 'qq'],
  [/Edg(e|A|iOS)?\//, 'edge'],
  [/OPR\/|Opera/, 'opera'],
  [/Firefox\/|FxiOS/, 'firefox'],
  [/Chrome\/|CriOS|Chromium/, 'chrome'],
  [/Safari\//, 'safari'],
];

const SYSTEMS: ReadonlyArray<[RegExp, SystemKey]> = [
  [/HarmonyOS|OpenHarmony/i, 'harmonyos'],
  [/Windows/, 'windows'],
  [/iPhone|iPad|iPod/, 'ios'],
  [/Android/, 'android'],
  [/Mac OS X|Macintosh/, 'macos'],
  [/Linux|X11|CrOS/, 'linux'],
];

/**
 * Browser and system from a User-Agent header, roughly: enough for a person to recognise their own
 * devices in the list (Chrome · Windows, 微信 · Android), not a device database.
 */
export function parseUserAgent(userAgent: string | null): { browser: BrowserKey; system: SystemKey } {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'unknown';
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'unknown';
  return { browser, system };
}
