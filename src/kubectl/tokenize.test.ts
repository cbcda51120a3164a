import { tokenize, TokenizeError } from './tokenize';

describe('tokenize (POSIX shell word splitting, no expansion)', () => {
  it.each([
    ['scale replicaset/3-replicaset --replicas=5', ['scale', 'replicaset/3-replicaset', '--replicas=5']],
    ['  get   pods\t-o wide ', ['get', 'pods', '-o', 'wide']],
    [`label pods x 'a=b c'`, ['label', 'pods', 'x', 'a=b c']],
    [`label pods x "a=\\"q\\" $HOME"`, ['label', 'pods', 'x', 'a="q" $HOME']],
    [`get pods -l 'app in (a,b)'`, ['get', 'pods', '-l', 'app in (a,b)']],
    ['a\\ b c', ['a b', 'c']],
    [`x ''`, ['x', '']],
    ['get \\\npods', ['get', 'pods']],
  ])('%j', (line, words) => {
    expect(tokenize(line)).toEqual(words);
  });

  it('refuses an unterminated quote', () => {
    expect(() => tokenize(`get 'pods`)).toThrow(TokenizeError);
    expect(() => tokenize(`get "pods`)).toThrow(TokenizeError);
  });
});
