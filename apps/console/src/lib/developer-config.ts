import type { CallbackMode, DeveloperConfig } from '@gzh/contracts';

/** WeChat's Token rule: 3–32 letters or digits. */
export const TOKEN_PATTERN = /^[A-Za-z0-9]{3,32}$/;
/** WeChat's EncodingAESKey: 43 letters or digits (base64 of 32 bytes without the trailing `=`). */
export const AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;
/** The callback URL must be http(s); WeChat itself requires ports 80/443, gzh does not. */
export const CALLBACK_URL_PATTERN = /^https?:\/\/[^\s]+$/i;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random 43-character EncodingAESKey from the browser's CSPRNG. Bytes ≥ 248 are discarded
 * (248 = 4 × 62) so every character is equally likely.
 */
export function generateEncodingAesKey(
  fill: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  let key = '';
  while (key.length < 43) {
    for (const byte of fill(new Uint8Array(64))) {
      if (byte < 248 && key.length < 43) key += ALPHABET.charAt(byte % 62);
    }
  }
  return key;
}

/** Values of the developer form: text inputs hold '' where the API holds null. */
export interface DeveloperFormValues {
  url: string;
  token: string;
  encodingAesKey: string;
  mode: CallbackMode;
  enabled: boolean;
}

/** Form values from the stored configuration. */
export function toFormValues(config: DeveloperConfig): DeveloperFormValues {
  return {
    url: config.url ?? '',
    token: config.token ?? '',
    encodingAesKey: config.encodingAesKey ?? '',
    mode: config.mode,
    enabled: config.enabled,
  };
}

/** The PUT body from form values: blanks become null, surrounding spaces are dropped. */
export function toDeveloperConfig(values: DeveloperFormValues): DeveloperConfig {
  const blankToNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  return {
    url: blankToNull(values.url),
    token: blankToNull(values.token),
    encodingAesKey: blankToNull(values.encodingAesKey),
    mode: values.mode,
    enabled: values.enabled,
  };
}

/** Cross-field problems the server would reject, as message keys (checked before saving). */
export function developerConfigProblems(config: DeveloperConfig): Array<'aesKeyRequired' | 'enabledNeedsUrl'> {
  const problems: Array<'aesKeyRequired' | 'enabledNeedsUrl'> = [];
  if (config.mode !== 'plain' && !config.encodingAesKey) problems.push('aesKeyRequired');
  if (config.enabled && (!config.url || !config.token)) problems.push('enabledNeedsUrl');
  return problems;
}
