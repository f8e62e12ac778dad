import { describe, expect, it } from 'vitest';
import { dataDay, dataMonth, dataPeriod, lastWholeMonth, periodContaining } from './data-period.ts';

describe('defaults from 数据截至', () => {
  it('the last whole month: the data\'s own month when it ends on its last day, else the one before', () => {
    expect(lastWholeMonth('2021-12-31')).toBe('2021-12');
    expect(lastWholeMonth('2021-12-30')).toBe('2021-11');
    expect(lastWholeMonth('2021-03-01')).toBe('2021-02');
  });
  it('the risk period: six whole months ending at the data\'s last month, judged the day after', () => {
    expect(dataPeriod('2021-06-30')).toEqual({ from: '2021-01-01', to: '2021-06-30', as_of: '2021-07-01' });
    expect(dataPeriod('2021-03-15')).toEqual({ from: '2020-09-01', to: '2021-02-28', as_of: '2021-03-16' });
  });
  it('a link from a day opens the six months ending with that day\'s month', () => {
    expect(periodContaining('2021-03-15', '2021-06-30')).toEqual({ from: '2020-10-01', to: '2021-03-31', as_of: '2021-04-01' });
    expect(periodContaining('2021-03-15', '2021-03-15')).toEqual({ from: '2020-10-01', to: '2021-03-31', as_of: '2021-03-16' });
  });
  it('a day and a month', () => {
    expect(dataDay('2021-03-15')).toBe('2021-03-15');
    expect(dataMonth('2021-03-15')).toBe('2021-02');
    expect(dataMonth('2021-03-31')).toBe('2021-03');
  });
});
