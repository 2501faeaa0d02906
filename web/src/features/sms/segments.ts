// How many text messages a body is sent in, counted as carriers (and Twilio) count them; the same rules as the host's
// SmsSegments. GSM-7: 160 septets in a single message, 153 per part of a long one; the extension characters take two
// septets and are never split across parts. UCS-2 (anything outside GSM 03.38, an emoji for instance): 70 UTF-16 code
// units single, 67 per part; a surrogate pair is never split across parts. An empty body is 0 texts.

export const gsm7Single = 160;
export const gsm7Part = 153;
export const ucs2Single = 70;
export const ucs2Part = 67;

/** The GSM 03.38 basic character set (one septet each). */
const basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** The GSM 03.38 extension table (two septets each: escape + character). */
const extension = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/** Whether every character is in the GSM 03.38 basic set or its extension table. */
export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (!basic.has(c) && !extension.has(c)) {
      return false;
    }
  }
  return true;
}

/** Fills parts of `part` units with pieces of the given sizes; a piece that does not fit starts the next part. */
function parts(sizes: number[], part: number): number {
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

export function analyzeSms(text: string): SmsSegmentInfo {
  if (text.length === 0) {
    return { encoding: 'gsm7', units: 0, segments: 0 };
  }
  if (isGsm7(text)) {
    const sizes = Array.from({ length: text.length }, (_, i) => (extension.has(text.charAt(i)) ? 2 : 1));
    const units = sizes.reduce((sum, size) => sum + size, 0);
    return { encoding: 'gsm7', units, segments: units <= gsm7Single ? 1 : parts(sizes, gsm7Part) };
  }
  if (text.length <= ucs2Single) {
    return { encoding: 'ucs2', units: text.length, segments: 1 };
  }
  const sizes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    sizes.push(pair ? 2 : 1);
    if (pair) {
      i++;
    }
  }
  return { encoding: 'ucs2', units: text.length, segments: parts(sizes, ucs2Part) };
}

/** The number of text messages `text` is sent in. */
export function countSmsSegments(text: string): number {
  return analyzeSms(text).segments;
}
