/**
 * The shortcuts a SCIM write takes for its common case give exactly what the general code gives:
 * the userName check and the name key for printable ASCII, and the ISO timestamps formatted from
 * a cached second. Each is compared with the general code (written out here) over a corpus that
 * reaches past its edges, so widening a shortcut (a control character let through, a second
 * reused for another) turns this red.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_MAX_MS, isoTime } from '../../../electron/cloud/clock/clock.js';
import { MAX_USER_NAME_LENGTH, normalizeUserName } from '../../../electron/cloud/scim/user-name.js';
import { nameKey } from '../../../electron/cloud/store/name-key.js';

/** What normalizeUserName did for every name before its shortcut: the answer, or the error. */
function generalUserName(value: string): string {
  const name = value.normalize('NFC');
  const bad = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cn}\p{Cs}]/u.exec(name);
  if (bad) return `refused at ${bad.index + 1}`;
  if ([...name].length > MAX_USER_NAME_LENGTH) return 'too long';
  return name;
}

const outcome = (f: () => string) => {
  try {
    return f();
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    return m ? `refused at ${m[1]}` : 'too long';
  }
};

/** Every code point below U+0100 alone and inside a name, names at the length limit, and others. */
function names(): string[] {
  const out: string[] = [];
  for (let cp = 0; cp < 0x100; cp++) {
    const c = String.fromCodePoint(cp);
    out.push(c, `ann${c}smith@example.com`, `${c}A`, `B${c}`);
  }
  for (const n of [MAX_USER_NAME_LENGTH - 1, MAX_USER_NAME_LENGTH, MAX_USER_NAME_LENGTH + 1]) {
    out.push('a'.repeat(n), 'é'.repeat(n), `${'a'.repeat(n - 1)}\u{1F600}`);
  }
  out.push('', 'José@Acme.example', 'jose\u0301@acme.example', 'İstanbul', 'a\u200bb', '\ud800x');
  out.push('Ann.Smith@Example.COM', 'MIXED case ~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./');
  return out;
}

describe('userName: printable ASCII taken as it is', () => {
  it('accepts and refuses exactly what the general check does', () => {
    for (const name of names()) {
      expect(
        outcome(() => normalizeUserName(name)),
        JSON.stringify(name),
      ).toBe(generalUserName(name));
    }
  });
});

describe('nameKey: printable ASCII only lower-cased', () => {
  it('gives the key the general NFC, lower case, NFC gives', () => {
    for (const name of names()) {
      const general = name.normalize('NFC').toLowerCase().normalize('NFC');
      expect(nameKey(name), JSON.stringify(name)).toBe(general);
    }
  });
});

describe('isoTime: the second kept for the last two asked', () => {
  const general = (ms: number) => new Date(ms).toISOString();
  const agrees = (ms: number) => expect(isoTime(ms), String(ms)).toBe(general(ms));

  it('formats as toISOString, around second boundaries and at the edges of its range', () => {
    const edges = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, CLOCK_MAX_MS, CLOCK_MAX_MS + 1];
    const at = Date.UTC(2026, 11, 8, 1, 2, 3, 456);
    for (const ms of [...edges, -1, -1000, -86_400_001, 8.64e15, at + 0.5, at]) agrees(ms);
    // Alternating seconds (a response's "now" and the resource's creation), then a third one,
    // then back: each time the right second's text.
    const seconds = [at, at - 86_400_000, at + 1, at - 86_400_000 + 999, at + 5_000, at + 999];
    for (let i = 0; i < 3; i++)
      for (const s of seconds) for (const d of [0, 7, 42, 999]) agrees(s + d);
    for (let ms = at - 2_500; ms < at + 2_500; ms += 37) agrees(ms);
  });

  it('throws where toISOString throws', () => {
    for (const ms of [NaN, Infinity, 8.64e15 + 1]) {
      expect(() => isoTime(ms)).toThrow(RangeError);
    }
  });
});
