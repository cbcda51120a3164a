// Shell syntax in a `kubectl:` step is a load error with a hint (issue 11): kubespec runs one
// kubectl command, so `| grep`, `> file`, `&&`, `;` and `$(...)` would silently become arguments.
import { loadSpecText } from './loader';
import { shellOperator } from '../kubectl/tokenize';

function problems(command: string): string[] {
  const loaded = loadSpecText(`name: x\nsteps:\n  - kubectl: ${JSON.stringify(command)}\n`, 'x.spec.yaml', process.cwd());
  const doc = loaded.documents[0];
  return doc.ok ? [] : doc.problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);
}

test('each shell operator outside quotes is found; inside quotes, or escaped, it is kubectl’s', () => {
  const cases: [string, string | undefined][] = [
    ['get pods | grep web', '|'],
    ['get pods || true', '||'],
    ['get pods && kubectl get svc', '&&'],
    ['get pods; get svc', ';'],
    ['get pods > pods.txt', '>'],
    ['get pods >> pods.txt', '>>'],
    ['apply -f - < x.yaml', '<'],
    ['delete pod $(kubectl get pods -o name)', '$('],
    ['delete pod `kubectl get pods -o name`', '`'],
    ['delete pod "$(x)"', '$('],
    ['get pods &', '&'],
    ['get pods -o jsonpath="{.items[?(@.spec.replicas>1)].metadata.name}"', undefined],
    ["get pods -o 'jsonpath={.items[*].metadata.name}'", undefined],
    ['get pods --field-selector status.phase!=Running', undefined],
    ['get pods -l "tier in (web,api)"', undefined],
    ['get pods -o custom-columns=N:.metadata.name', undefined],
    ['annotate pod a note=a\\;b', undefined],
    ['get pods -l app=$APP', undefined],
  ];
  for (const [line, op] of cases) expect([line, shellOperator(line)]).toEqual([line, op]);
});

test('the loader refuses the step at its line, naming the operator, with the way out', () => {
  expect(problems('get pods | grep web')).toEqual(['3:14 steps[0].kubectl: shell syntax `|` in a kubectl step: kubespec runs one kubectl command, not a shell, and would pass it to kubectl as an argument']);
  expect(problems('get pods -o wide')).toEqual([]);
  const loaded = loadSpecText('name: x\nsteps:\n  - kubectl: get pods > out.txt\n', 'x.spec.yaml', process.cwd());
  const doc = loaded.documents[0];
  expect(doc.ok ? undefined : doc.problems[0].hint).toBe('split the step (one `kubectl:` per command), or match what it prints with `output:` (a /regex/ does what grep would); quote the character if kubectl itself should get it');
});
