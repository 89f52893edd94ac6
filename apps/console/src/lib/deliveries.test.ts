import { describe, expect, it } from 'vitest';
import { isOutcome, latencyTone, mergePages, outcomeColor, OUTCOMES, sameResponse } from './deliveries';

describe('delivery helpers', () => {
  it('colours every outcome', () => {
    expect(OUTCOMES.map(outcomeColor)).not.toContain(undefined);
    expect(outcomeColor('reply')).toBe('success');
    expect(outcomeColor('timeout')).toBe('warning');
    expect(outcomeColor('something-new')).toBe('error');
    expect(isOutcome('bad_xml')).toBe(true);
    expect(isOutcome('nope')).toBe(false);
  });

  it('warns about latency near WeChat’s 5-second limit', () => {
    expect(latencyTone(120)).toBeUndefined();
    expect(latencyTone(2500)).toBe('warning');
    expect(latencyTone(5000)).toBe('danger');
  });

  it('compares responses ignoring formatting whitespace', () => {
    expect(sameResponse('<xml>\n  <A>1</A>\n</xml>', '<xml><A>1</A></xml>')).toBe(true);
    expect(sameResponse('success', 'success\n')).toBe(true);
    expect(sameResponse(null, '')).toBe(true);
    expect(sameResponse('<xml><A>1</A></xml>', '<xml><A>2</A></xml>')).toBe(false);
    expect(sameResponse('<xml><CreateTime>1</CreateTime><A>1</A></xml>', '<xml><CreateTime>22</CreateTime><A>1</A></xml>')).toBe(
      true,
    );
  });

  it('merges keyset pages without repeating rows', () => {
    const pages = [{ deliveries: [{ id: 'a' }, { id: 'b' }] }, { deliveries: [{ id: 'b' }, { id: 'c' }] }];
    expect(mergePages(pages).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
