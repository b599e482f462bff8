import { describe, expect, it } from 'vitest';
import { parseCpuSet, resolveCpuSet } from '../../src/toolstack/xlcfg/cpu-affinity.js';

describe('xl CPU affinity strings', () => {
  it.each([
    ['all', { kind: 'all-except', excluded: [] }],
    ['3', { kind: 'only', cpus: [3] }],
    ['0-3,5', { kind: 'only', cpus: [0, 1, 2, 3, 5] }],
    ['0-3,^2', { kind: 'only', cpus: [0, 1, 3] }],
    ['all,^2,^4-5', { kind: 'all-except', excluded: [2, 4, 5] }],
    ['all,^2,2', { kind: 'all-except', excluded: [] }],
    ['^2,2', { kind: 'only', cpus: [2] }],
    ['0-1,all', { kind: 'all-except', excluded: [] }],
    ['all,^all,1', { kind: 'only', cpus: [1] }],
    [' 1 , 2 ', { kind: 'only', cpus: [1, 2] }],
  ])('%j is applied left to right', (text, expected) => {
    expect(parseCpuSet(text)).toEqual(expected);
  });

  it('resolves against the host\'s CPU count', () => {
    expect(resolveCpuSet({ kind: 'all-except', excluded: [1] }, 4)).toEqual([0, 2, 3]);
    expect(resolveCpuSet({ kind: 'only', cpus: [1, 6] }, 4)).toEqual([1]);
  });
});
