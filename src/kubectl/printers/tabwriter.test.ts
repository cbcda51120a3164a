import { formatTable, TABBED_STRING } from './tabwriter';

describe('formatTable (text/tabwriter as kubectl configures it)', () => {
  it('pads every column but the last to its widest cell plus 3', () => {
    expect(formatTable([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['nginx-deployment', '2/2', '2', '2', '10s'],
    ])).toBe('NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   2/2     2            2           10s\n');
  });

  it('never makes a column narrower than 6', () => {
    expect(formatTable([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('uses padding 2 and no minimum for tabbedString (rollout history)', () => {
    expect(formatTable([['REVISION', 'CHANGE-CAUSE'], ['1', '<none>']], TABBED_STRING)).toBe('REVISION  CHANGE-CAUSE\n1         <none>\n');
  });

  it('prints nothing for no rows', () => {
    expect(formatTable([])).toBe('');
  });
});
