import { describe, expect, it } from 'vitest';
import { readCallStatus, readDirection } from './code-values.js';

describe('code values', () => {
  it('gives the same answer the second time a spelling is seen, a word that is no code value included', () => {
    for (let round = 0; round < 3; round++) {
      expect(readDirection('Inbound')).toBe('inbound');
      expect(readDirection(' Исходящий ')).toBe('outbound');
      expect(readDirection('Sideways')).toBeUndefined();
      expect(readCallStatus('Отвечен')).toBe('answered');
      expect(readCallStatus('Busy?')).toBeUndefined();
    }
  });
});
