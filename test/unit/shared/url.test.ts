import { expect, it } from 'vitest';
import { withoutTrailingSlashes } from '../../../shared/url.js';

it('takes every trailing slash off, and nothing else', () => {
  expect(withoutTrailingSlashes('https://cloud.example/')).toBe('https://cloud.example');
  expect(withoutTrailingSlashes('https://cloud.example/t/3///')).toBe('https://cloud.example/t/3');
  expect(withoutTrailingSlashes('https://cloud.example')).toBe('https://cloud.example');
  expect(withoutTrailingSlashes('https://cloud.example/a//b')).toBe('https://cloud.example/a//b');
  expect(withoutTrailingSlashes('/')).toBe('');
  expect(withoutTrailingSlashes('')).toBe('');
});

it('stays linear on a long run of slashes that does not end the string', () => {
  const hostile = `${'/'.repeat(200_000)}x`;
  const started = performance.now();
  expect(withoutTrailingSlashes(hostile)).toBe(hostile);
  expect(withoutTrailingSlashes('/'.repeat(200_000))).toBe('');
  expect(performance.now() - started).toBeLessThan(100);
});
