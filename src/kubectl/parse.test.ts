import { isParseFailure, parseCommandLine, type ParsedCommand, type ParseFailure } from './parse';
import { tokenize } from './tokenize';

const parse = (line: string) => parseCommandLine(tokenize(line));
const ok = (line: string): ParsedCommand => {
  const p = parse(line);
  if (isParseFailure(p)) throw new Error(p.stderr);
  return p;
};
const failure = (line: string): ParseFailure => {
  const p = parse(line);
  if (!isParseFailure(p)) throw new Error(`parsed: ${JSON.stringify(p)}`);
  return p;
};

describe('parseCommandLine: flags as pflag reads them', () => {
  it('takes flags anywhere, in every spelling', () => {
    const p = ok('scale rs/x --replicas=5 -n kube-system');
    expect(p.path).toEqual(['scale']);
    expect(p.args).toEqual(['rs/x']);
    expect(p.flags.replicas).toBe(5);
    expect(p.flags.namespace).toBe('kube-system');
    expect(ok('get pods -owide').flags.output).toBe('wide');
    expect(ok('get pods -o=yaml').flags.output).toBe('yaml');
    expect(ok('get pods --output json').flags.output).toBe('json');
    expect(ok('-n ns get pods').flags.namespace).toBe('ns');
  });

  it('never lets a boolean take the next word', () => {
    const p = ok('get pods -A false');
    expect(p.flags['all-namespaces']).toBe(true);
    expect(p.args).toEqual(['pods', 'false']);
    expect(ok('get pods --show-labels=false').flags['show-labels']).toBe(false);
  });

  it('groups boolean shorthands and reads string slices as CSV, repeatable', () => {
    const p = ok('apply -f a.yaml,b.yaml -f c.yaml');
    expect(p.flags.filename).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(ok('get pods -Aw').flags.watch).toBe(true);
  });

  it('gives a bare --cascade its NoOptDefVal and fills defaults', () => {
    expect(ok('delete pod x --cascade').flags.cascade).toBe('background');
    const p = ok('delete pod x');
    expect(p.flags['grace-period']).toBe(-1);
    expect(p.flags.wait).toBe(true);
    expect(p.given.has('cascade')).toBe(false);
  });

  it('treats everything after -- as positional', () => {
    expect(ok('label pods x -- -weird-').args).toEqual(['pods', 'x', '-weird-']);
  });

  it('finds subcommands after flags', () => {
    const p = ok('rollout -n ns undo deployment/x --to-revision=2');
    expect(p.path).toEqual(['rollout', 'undo']);
    expect(p.args).toEqual(['deployment/x']);
    expect(p.flags['to-revision']).toBe(2);
  });
});

// The messages below are what kubectl v1.32 prints (captured from the real binary).
describe('parseCommandLine: cobra and pflag errors word for word', () => {
  it.each([
    ['scale rs/x --replicas', "error: flag needs an argument: --replicas\nSee 'kubectl scale --help' for usage.\n"],
    ['scale rs/x --replicas=abc', 'error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
    ['get pods -x', "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -o', "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
    ['get pods --all=false', "error: unknown flag: --all\nSee 'kubectl get --help' for usage.\n"],
    ['get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    ['get pods -A=maybe', 'error: invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
    ['rollout undo deploy/x --bogus', "error: unknown flag: --bogus\nSee 'kubectl rollout undo --help' for usage.\n"],
    ['foo', 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n'],
    ['gett pods', 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n'],
    ['zzzzzz', 'error: unknown command "zzzzzz" for "kubectl"\n'],
    ['rollout foo', 'error: unknown command "foo"\nSee \'kubectl rollout -h\' for help and examples\n'],
    ['set imag', 'error: unknown command "imag"\nSee \'kubectl set -h\' for help and examples\n'],
  ])('kubectl %s', (line, stderr) => {
    const f = failure(line);
    expect(f.stderr).toBe(stderr);
    expect(f.exitCode).toBe(1);
  });
});
