import { humanDuration, translateTimestampSince } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('humanDuration (apimachinery/pkg/util/duration TestHumanDuration)', () => {
  it.each([
    [1 * s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [180 * s, '3m'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
    [5 * h + 30 * m, '5h30m'],
    [0, '0s'],
    [-1500, '0s'],
    [-2 * s, '<invalid>'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('ages a timestamp against the simulated clock, truncating to seconds', () => {
    expect(translateTimestampSince('2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1, 0, 0, 10, 999))).toBe('10s');
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
  });
});
