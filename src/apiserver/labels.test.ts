// Label selectors as k8s.io/apimachinery/pkg/labels parses, prints and matches them: the cases of
// selector_test.go (TestSelectorParse, TestSetSelectorParser, TestSelectorMatches,
// TestRequirementSelectorMatching, TestToString, TestDeterministicParse), and the error texts of
// selector.go's parser and NewRequirement, which the API server answers a bad labelSelector with.
import { fromLabelSelector, matches, parseSelector, selectorString, SelectorParseError } from './labels';

const parseError = (s: string): string => {
  try {
    parseSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) return e.message;
    throw e;
  }
  throw new Error(`${JSON.stringify(s)} parsed`);
};
const str = (s: string) => selectorString(parseSelector(s));

describe('TestSelectorParse: good strings re-print without their spaces; bad ones fail', () => {
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])('%j', (s) => {
    expect(str(s)).toBe(s.replace(/ /g, ''));
  });
  test.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('%j fails', (s) => {
    expect(() => parseSelector(s)).toThrow(SelectorParseError);
  });
  test('TestDeterministicParse: sorted by key', () => {
    expect(str('x=a,a=x')).toBe(str('a=x,x=a'));
    expect(str('x=a,a=x')).toBe('a=x,x=a');
  });
});

describe('TestSetSelectorParser', () => {
  test.each([
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    // (An old selector_test.go listed "" among x's values here; parseIdentifiersList adds "" only for
    // a leading, doubled or trailing comma.)
    ['x notin (abc,def),bar,z in (),w', 'bar,w,x notin (abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x=a', 'x=a'],
    ['x>1', 'x>1'],
    ['x<7', 'x<7'],
    ['x=a,y!=b', 'x=a,y!=b'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x,y', 'x,y'],
    ['in=notin', 'in=notin'],
  ])('%j parses as %j', (input, printed) => {
    expect(str(input)).toBe(printed);
  });
  test.each(['x=a||y=b', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '('])('%j fails', (s) => {
    expect(() => parseSelector(s)).toThrow(SelectorParseError);
  });
});

describe("the parser's and NewRequirement's messages (the API server's 400 body)", () => {
  test.each([
    ['a=b,', "found '', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (,', "unable to parse requirement: found '', expected: ',', or identifier"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>', `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>99999999999999999999', `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'x=a||y=b',
      `unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    ['a b=c', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [
      'x~y',
      `unable to parse requirement: <nil>: Invalid value: "x~y": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  ])('%j: %s', (s, want) => {
    expect(parseError(s)).toBe(want);
  });

  test('several problems in one requirement are an aggregate: [a, b]', () => {
    expect(parseError('x in (-a,-b)')).toBe(
      `unable to parse requirement: [values[0][x]: Invalid value: "-a": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), values[1][x]: Invalid value: "-b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
  });

  test('TestRequirementConstructor: a 254-character key breaks the qualified-name rule', () => {
    expect(parseError('a'.repeat(254))).toMatch(/^unable to parse requirement: <nil>: Invalid value: "a{254}": name part must be no more than 63 characters/);
  });
});

describe('TestSelectorMatches / TestRequirementSelectorMatching', () => {
  const yes: [string, Record<string, string>][] = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }],
    ['x notin (),y', { y: '' }],
    ['!x,y', { y: '' }],
    ['z>1', { z: '2' }],
    ['x>9007199254740992', { x: '9007199254740993' }],
    ['x>1', { x: '+2' }],
  ];
  const no: [string, Record<string, string>][] = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['foo=blah', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }],
    ['x notin (),!y', { y: '' }],
    ['x in ()', { y: 'baz' }],
    ['z>1', { z: 'v2' }],
    ['x<9007199254740993', { x: '9007199254740993' }],
  ];
  test.each(yes)('%j matches %j', (s, l) => expect(matches(parseSelector(s), l)).toBe(true));
  test.each(no)('%j does not match %j', (s, l) => expect(matches(parseSelector(s), l)).toBe(false));
});

test('TestToString, and LabelSelectorAsSelector as FormatLabelSelector prints it', () => {
  expect(str('x in (def,abc),y notin (jkl),z')).toBe('x in (abc,def),y notin (jkl),z');
  expect(str('x notin (abc,def),y!=jkl,!z')).toBe('x notin (abc,def),y!=jkl,!z');
  expect(str('x notin (abc),y in (jkl,mno),z notin ()')).toBe('x notin (abc),y in (jkl,mno),z notin ()');
  expect(str('x=abc,y==jkl,z!=a,z')).toBe('x=abc,y==jkl,z!=a,z');
  expect(str('x>2,y<8,z')).toBe('x>2,y<8,z');
  const sel = fromLabelSelector({ matchLabels: { tier: 'web', app: 'nginx' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }, { key: 'zone', operator: 'Exists' }] });
  expect(selectorString(sel)).toBe('app=nginx,env in (prod),tier=web,zone');
  expect(selectorString(fromLabelSelector(undefined))).toBe('<none>');
  expect(matches(sel, { app: 'nginx', tier: 'web', env: 'prod', zone: 'a' })).toBe(true);
});
