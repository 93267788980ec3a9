import { ProgressBar, progressText } from './progress';

describe('progressText', () => {
  it('at 0 %, with no ETA yet', () => {
    expect(progressText({ total: 40, created: 0, duplicates: 0, failed: 0, elapsedMs: 0 })).toBe('[----------] 0/40  0 %  ✓ 0  ≡ 0  ✗ 0  ETA --');
  });

  it('mid-way, with the time left at the pace so far', () => {
    // 12 done in 4 s → 28 left at 1/3 s each ≈ 9.33 s → 10 s
    expect(progressText({ total: 40, created: 10, duplicates: 1, failed: 1, elapsedMs: 4_000 })).toBe('[###-------] 12/40  30 %  ✓ 10  ≡ 1  ✗ 1  ETA 10 s');
    expect(progressText({ total: 3, created: 1, duplicates: 0, failed: 0, elapsedMs: 65_000 })).toBe('[###-------] 1/3  33 %  ✓ 1  ≡ 0  ✗ 0  ETA 2 min 10 s');
  });

  it('at 100 %', () => {
    expect(progressText({ total: 4, created: 2, duplicates: 1, failed: 1, elapsedMs: 3_000 })).toBe('[##########] 4/4  100 %  ✓ 2  ≡ 1  ✗ 1  ETA 0 s');
  });
});

describe('ProgressBar', () => {
  const tally = { created: 1, duplicates: 0, failed: 0 };

  it('draws one line with carriage returns on a terminal, with the injected clock, and clears it', () => {
    const written: string[] = [];
    let now = 1_000;
    const bar = new ProgressBar(2, { isTTY: true, write: (text) => written.push(text) }, () => now);
    now = 3_000;
    bar.draw(tally);
    bar.clear();
    bar.clear();
    expect(written).toEqual(['\r\u001b[2K[#####-----] 1/2  50 %  ✓ 1  ≡ 0  ✗ 0  ETA 2 s', '\r\u001b[2K']);
  });

  it('writes nothing when stderr is not a terminal, or for a single item', () => {
    const written: string[] = [];
    const notTty = new ProgressBar(5, { isTTY: false, write: (text) => written.push(text) });
    notTty.draw(tally);
    notTty.clear();
    const single = new ProgressBar(1, { isTTY: true, write: (text) => written.push(text) });
    single.draw(tally);
    single.clear();
    expect(written).toEqual([]);
  });
});
