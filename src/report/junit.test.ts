import { renderJunit } from './junit';
import { parseXml, XmlSyntaxError, type XmlElement } from './testing/xml-check';
import { CWD, NASTY, sampleResult } from './testing/sample-result';
import { xmlAttr, xmlText } from './xml';
import fc from 'fast-check';

const kids = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

describe('junit reporter', () => {
  const xml = renderJunit(sampleResult(), CWD);
  const root = parseXml(xml);

  it('is well-formed XML: testsuites > testsuite (one per spec file) > testcase (one per step)', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual(expect.objectContaining({ tests: '9', failures: '2', errors: '2', skipped: '1', time: '0.042' }));
    const suites = kids(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['specs/replicaset.spec.yaml', 'specs/deploy.spec.yaml', 'specs/broken.spec.yaml']);
    for (const s of suites) {
      for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time']) expect(s.attrs).toHaveProperty(a);
      expect(s.children.every((c) => c.name === 'testcase')).toBe(true);
      expect(Number(s.attrs.tests)).toBe(s.children.length);
      for (const c of s.children) {
        for (const a of ['classname', 'name', 'file', 'time']) expect(c.attrs).toHaveProperty(a);
        expect(c.attrs.time).toMatch(/^\d+\.\d{3}$/);
        expect(c.children.length).toBeLessThanOrEqual(1);
      }
    }
    // both specs of deploy.spec.yaml in one suite; its counts add up
    const deploy = suites[1];
    expect(deploy.attrs).toEqual(expect.objectContaining({ tests: '6', failures: '2', errors: '1', skipped: '1', time: '0.023', file: 'specs/deploy.spec.yaml' }));
  });

  it('puts classname = spec name, name = step name, the failure message and type, and the diff in the body', () => {
    const tc = kids(kids(root, 'testsuite')[1], 'testcase')[1];
    expect(tc.attrs).toEqual({ classname: 'Deployment rolls to a new image', name: 'set the image', file: 'specs/deploy.spec.yaml', time: '0.009' });
    const failure = kids(tc, 'failure')[0];
    expect(failure.attrs).toEqual({ message: 'expected 3 Pods with app=nginx, found 2', type: 'expect' });
    expect(failure.text).toContain('at specs/deploy.spec.yaml:14:7');
    expect(failure.text).toContain('-image: nginx:1.25\n+image: nginx:latest');
    expect(kids(kids(kids(root, 'testsuite')[1], 'testcase')[2], 'skipped')[0].attrs).toEqual({ message: 'the spec used up its budget of 2,000,000 reconciles' });
  });

  it('reports a spec that could not load as an <error>', () => {
    const broken = kids(root, 'testsuite')[2];
    expect(broken.attrs).toEqual(expect.objectContaining({ tests: '1', errors: '1', failures: '0' }));
    const err = kids(broken.children[0], 'error')[0];
    expect(err.attrs).toEqual({ message: 'steps[0]: unknown action "aply" (and 1 more problem)', type: 'LoadError' });
    expect(err.text).toContain('at specs/broken.spec.yaml:4:5\nhint: did you mean `apply`?');
    expect(err.text).toContain('steps[1].expect[0]: unknown key `cuont`\nat specs/broken.spec.yaml:9:9');
  });

  it('escapes markup, quotes and newlines, and shows characters XML cannot carry', () => {
    const nasty = kids(kids(root, 'testsuite')[1], 'testcase').slice(3);
    expect(nasty[0].attrs.classname).toBe(`nasty a <b> & "c" 'd' # e \\ f % g: h, i\\u0001j\\u001b[31mk\\u0000l\nm\r\n]]> \\ud800 end`);
    // repeated step names are told apart (GitLab keeps only the first of two equal names)
    expect(nasty.map((c) => c.attrs.name)).toEqual(['kubectl get pods', 'kubectl get pods (2)', expect.stringContaining('step a <b>')]);
    expect(kids(nasty[1], 'error')[0].text).toContain('Error from server: a <b> & "c"');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/); // eslint-disable-line no-control-regex
  });

  it('xmlText/xmlAttr output parses back to the text, with characters XML cannot carry made visible', () => {
    // The expectation, written independently of xml.ts: XML 1.0 §2.2 Char.
    const visible = (s: string): string => {
      let out = '';
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const d = s.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          out += s[i] + s[i + 1];
          i++;
          continue;
        }
        const legal = c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
        out += legal ? s[i] : `\\u${c.toString(16).padStart(4, '0')}`;
      }
      return out;
    };
    const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 });
    fc.assert(
      fc.property(anyUtf16, (s) => {
        const el = parseXml(`<a b="${xmlAttr(s)}">${xmlText(s)}</a>`);
        expect(el.attrs.b).toBe(visible(s));
        expect(el.text).toBe(visible(s));
      }),
      { numRuns: 500 },
    );
    for (const s of [NASTY, ']]>', '&amp;', '\uFFFE\uFFFF', '\uDC00\uD800', '😀', '\t\n\r']) {
      expect(parseXml(`<a b="${xmlAttr(s)}">${xmlText(s)}</a>`).attrs.b).toBe(visible(s));
    }
  });

  it('the checker itself rejects what is not well-formed', () => {
    for (const bad of ['<a>', '<a></b>', '<a x="1" x="2"/>', '<a>&foo;</a>', '<a>\u0001</a>', '<a>&#1;</a>', '<a/><b/>', '<a x=1/>', '<a>\uD800</a>', '<a><</a>']) {
      expect(() => parseXml(bad)).toThrow(XmlSyntaxError);
    }
  });
});
