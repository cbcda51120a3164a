// The JSON Schema of a spec document (draft-07, strict: no unknown keys anywhere). Editors can use it
// for completion (`kubespec schema > spec.schema.json`); the loader compiles it with ajv and then runs
// the checks a schema cannot express (selectors, durations, regexes, kinds) in validate.ts.
//
// Two annotation keywords guide error messages and are ignored by other tools:
//   `x-expected`  — how to describe the accepted forms when a value matches none of them;
//   `x-one-action` — marks the step's "exactly one action" rule.

const duration = {
  description: 'A duration: `30s`, `5m`, `1h30m`, `250ms`, or a number of seconds.',
  type: ['string', 'number'],
  'x-expected': 'a duration such as `30s`, `5m`, `1h30m` or `250ms`, or a number of seconds',
};

const kind = (what: string) => ({
  type: 'string',
  minLength: 1,
  description: `${what} Kind name as in manifests (\`Pod\`, \`ReplicaSet\`, \`Deployment\`, \`Service\`, \`Endpoints\`, \`Node\`...); kubectl's resource names (\`pods\`, \`deploy\`, \`rs\`) are accepted too.`,
});

const namespace = {
  type: 'string',
  minLength: 1,
  description: 'Namespace (default `default`).',
};

const selector = (what: string) => ({
  type: 'string',
  description: `${what} A label selector in kubectl syntax: \`app=nginx\`, \`tier!=db\`, \`env in (a,b)\`, \`!canary\`, comma-separated requirements all of which must hold.`,
});

const pick = {
  description:
    'Which of the matching objects, sorted by creation time (oldest first): `all` (default), `oldest`, `newest`, or a 0-based index into that order.',
  oneOf: [{ type: 'string', enum: ['all', 'oldest', 'newest'] }, { type: 'integer', minimum: 0 }],
  'x-expected': '`all`, `oldest`, `newest`, or a 0-based index',
};

const manifestSource = (verb: string) => ({
  description: `Manifests to ${verb}: a file (relative to the submission folder, then the spec's folder; a folder means its *.yaml, *.yml and *.json files, as \`kubectl ${verb} -f DIR\`), a list of files (${verb === 'apply' ? 'applied' : 'created'} in order, each document in order), or \`{ manifest: <object, list of objects, or YAML text> }\` written inline.`,
  oneOf: [
    { type: 'string', minLength: 1, description: 'One manifest file (or folder).' },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, description: 'A manifest file (or folder).' }, description: 'Manifest files, in order.' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['manifest'],
      properties: {
        manifest: {
          description: 'The manifest written in the spec: an object, a list of objects, or YAML text (several documents allowed).',
          type: ['object', 'array', 'string'],
        },
      },
      description: 'An inline manifest.',
    },
  ],
  'x-expected': 'a file name, a list of file names, or `{ manifest: <object or YAML text> }`',
});

const partialObject = (what: string) => ({
  type: 'object',
  description: `${what} A partial object: maps match when every key given matches; scalars by equality (a number also matches the same digits as text, since YAML reads \`1\` as a number where Kubernetes stores the label "1"); a string written \`/.../\` is a regular expression tested against the value's text; \`null\` matches a field that is absent or null; a list matches element by element, in order, with the same length, unless written \`{ contains: [...] }\` (each given element matches some element). \`{ exists: true }\` matches a field present with any value, \`{ exists: false }\` one that is absent (or null); \`{ any: [A, B, ...] }\` matches a value that matches one of the alternatives. Extension: \`{ min: N }\`, \`{ max: N }\` or both match a number within those bounds. Strings may hold \`\${NAME}\` references to values captured earlier.`,
});

const objectAssertion = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  description: 'Select objects (kind + name | selector, fieldSelector, namespace, then `where`) and state what must hold of them. Without `count` or `absent`, at least one object must be selected.',
  properties: {
    kind: kind('The kind of the objects to select.'),
    name: { type: 'string', minLength: 1, description: 'Select the object with this name.' },
    selector: selector('Select the objects whose labels match.'),
    fieldSelector: { type: 'string', description: 'Narrow the selection by fields, kubectl syntax: `spec.nodeName=worker0,status.phase!=Running`.' },
    namespace: { ...namespace, description: 'Namespace to select in (default `default`; `*` for every namespace; ignored for cluster-scoped kinds such as Node).' },
    where: partialObject('Narrow the selection to the objects this matches.'),
    count: {
      description: 'How many objects are selected: a number, or `{ min, max }` (either bound may be left out).',
      oneOf: [
        { type: 'integer', minimum: 0, description: 'Exactly this many.' },
        {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            min: { type: 'integer', minimum: 0, description: 'At least this many.' },
            max: { type: 'integer', minimum: 0, description: 'At most this many.' },
          },
          description: 'Bounds on the number selected.',
        },
      ],
      'x-expected': 'a number, or `{ min: N, max: M }`',
    },
    absent: { type: 'boolean', description: '`true`: nothing may be selected (the same as `count: 0`).' },
    match: partialObject('What must hold of every selected object.'),
    not: partialObject('What no selected object may match: an object fails when it matches this as a whole (every field given).'),
    ownedBy: {
      description:
        'The owner every selected object must have: `{ kind, name }` (its controller ownerReference names an owner as it exists now: an owner recreated under the same name has another uid and does not count), or `none` (no ownerReferences at all). `name` may be a `/regex/` or left out (any owner of that kind); `transitive: true` follows controller references upward (a Deployment\'s pods through their ReplicaSet); `controller: false` accepts owners that are not the controller.',
      oneOf: [
        { type: 'string', enum: ['none'], description: 'No ownerReferences at all.' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind'],
          properties: {
            kind: kind("The owner's kind."),
            name: { type: 'string', minLength: 1, description: "The owner's name (same namespace), or a `/regex/` on it; left out, any owner of that kind." },
            transitive: {
              type: 'boolean',
              description:
                "`true`: the owner may be further up the chain of controller references (a pod's ReplicaSet's Deployment), each link an object that exists now with the uid referenced; a pod of a hand-made ReplicaSet named like the Deployment's does not count. Default `false`: the object's own owner.",
            },
            controller: { type: 'boolean', description: '`false`: any ownerReference counts, not only the controller one (default `true`).' },
          },
          description: 'The owner.',
        },
      ],
      'x-expected': '`none` or `{ kind: ReplicaSet, name: ... }`',
    },
    pick: {
      ...pick,
      description:
        'Narrow the selection to one object, the selection sorted by creation time (oldest first): `oldest`, `newest`, or a 0-based index into that order; `all` (default) keeps every one. Counts, `match` and `capture` then apply to what is picked.',
    },
    capture: {
      type: 'object',
      description:
        'Record fields of the first selected object (the oldest, or the one `pick` names) under names that any later string of the spec may use as `${NAME}`: `capture: { victim: metadata.name }`, then `kubectl: delete pod ${victim}`. A path is dotted, with `[N]` for list elements and `["key"]` for keys with dots or slashes (`metadata.labels["app.kubernetes.io/name"]`); the field must hold text, a number or a boolean. A name is letters, digits and `_`, not starting with a digit; `namespace` and `seed` are built in.',
      minProperties: 1,
      additionalProperties: {
        type: 'string',
        minLength: 1,
        description: 'The field to record: `metadata.name`, `spec.nodeName`, `status.podIP`, `metadata.labels["pod-template-hash"]`, `spec.containers[0].image`.',
      },
    },
  },
};

const outputAssertion = {
  type: 'object',
  additionalProperties: false,
  description: "A kubectl step's printed output (stdout, then stderr) and exit code.",
  properties: {
    output: { type: 'string', description: 'Text the output must contain, or `/regex/` it must match.' },
    exitCode: { type: 'integer', minimum: 0, description: "The command's exit code." },
  },
};

const requestAssertion = {
  type: 'object',
  additionalProperties: false,
  required: ['request'],
  description: 'Requests sent through Service routing (kube-proxy spreading over ready endpoints), reproducible per seed.',
  properties: {
    request: {
      description: '`{ nodePort, node? }` (a node\'s IP at a nodePort; any node when `node` is left out) or `{ service, port }` (a Service\'s port, from inside the cluster).',
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['nodePort'],
          properties: {
            nodePort: { type: 'integer', minimum: 1, maximum: 65535, description: 'The nodePort.' },
            node: { type: 'string', minLength: 1, description: 'The node whose IP is used (default: any node, chosen per request).' },
            fromNode: {
              type: 'string',
              minLength: 1,
              description: 'The same as `node`: the node the request enters on (with `externalTrafficPolicy: Local`, only pods on that node answer).',
            },
            namespace: { ...namespace, description: 'Namespace of the pods (default `default`).' },
          },
          description: 'A request to a node at a nodePort.',
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['service', 'port'],
          properties: {
            service: { type: 'string', minLength: 1, description: 'The Service name.' },
            port: { type: 'integer', minimum: 1, maximum: 65535, description: "The Service's port." },
            namespace: { ...namespace, description: "The Service's namespace (default `default`)." },
            fromNode: {
              type: 'string',
              minLength: 1,
              description:
                "The node the request is sent from (a client pod there; that node's kube-proxy routes it): with `internalTrafficPolicy: Local`, only pods on that node answer. Default: a Ready node chosen per request.",
            },
          },
          description: "A request to a Service's port.",
        },
      ],
      'x-expected': '`{ nodePort: N, node?: NAME }` or `{ service: NAME, port: N }`',
    },
    times: { type: 'integer', minimum: 1, maximum: 100000, description: 'How many requests (default 1).' },
    reaches: {
      type: 'object',
      additionalProperties: false,
      required: ['selector'],
      description: 'Every answer comes from a pod whose labels match `selector`.',
      properties: {
        selector: selector('The pods that may answer.'),
        all: { type: 'boolean', description: 'Also: every ready pod that matches answers at least once over the requests.' },
      },
    },
    fails: { type: 'boolean', const: true, description: 'Nothing answers any request (no endpoints, a port nothing listens on...).' },
    answers: {
      type: 'array',
      minItems: 1,
      description: 'Shares of the `times` requests: the answers from pods whose labels match `selector`, as a fraction of all the requests sent (a canary answering about a quarter: `{ selector: track=canary, share: { min: 0.15, max: 0.35 } }`).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['selector', 'share'],
        properties: {
          selector: selector('The pods whose answers are counted.'),
          share: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            description: 'Bounds on the fraction (0 to 1) of the requests these pods answer; either may be left out.',
            properties: {
              min: { type: 'number', minimum: 0, maximum: 1, description: 'At least this fraction (0 to 1).' },
              max: { type: 'number', minimum: 0, maximum: 1, description: 'At most this fraction (0 to 1).' },
            },
          },
        },
      },
    },
    sameBackend: {
      type: 'boolean',
      const: true,
      description: 'Every answer comes from one and the same pod (what `sessionAffinity: ClientIP` gives one client).',
    },
    body: {
      type: 'string',
      description:
        "Text every answer's body contains, or `/regex/` it matches: the page the answering container serves at `/` (nginx's welcome page, httpd's `It works!`; another image answers a line naming the pod), as `kubespec serve` answers on a nodePort.",
    },
  },
};

const fileAssertion = {
  type: 'object',
  additionalProperties: false,
  required: ['file'],
  description:
    "An assert file, as KUTTL's and Chainsaw's: every YAML document in it is an object assertion, selected by kind, `metadata.name` (left out: any object of the kind) and `metadata.namespace` (default `default`), the rest of the document what the object must hold (maps as subsets, lists of the same length element by element, texts literally). With `absent: true`, a KUTTL errors file: no object may match any document. Read when the spec loads, beside the spec (its `manifests:` folder, then the spec's own folder), never from a submission.",
  properties: {
    file: { type: 'string', minLength: 1, description: 'The assert file, relative to the spec\'s `manifests:` folder (or the spec\'s folder).' },
    absent: { type: 'boolean', description: '`true`: an errors file (each document must match no object).' },
  },
};

const assertion = {
  type: 'object',
  description: 'An assertion: an object selection (`kind`...), a kubectl output check (`output`/`exitCode`), requests (`request`), or an assert file (`file`).',
  if: { required: ['request'] },
  then: { $ref: '#/definitions/requestAssertion' },
  else: {
    if: { anyOf: [{ required: ['output'] }, { required: ['exitCode'] }] },
    then: { $ref: '#/definitions/outputAssertion' },
    else: {
      if: { required: ['file'] },
      then: { $ref: '#/definitions/fileAssertion' },
      else: { $ref: '#/definitions/objectAssertion' },
    },
  },
};

const target = (what: string, extra: Record<string, unknown> = {}) => ({
  kind: kind(`The kind of the object to ${what}.`),
  name: { type: 'string', minLength: 1, description: `The name of the object to ${what}.` },
  namespace,
  ...extra,
});

export const ACTION_KEYS = ['apply', 'create', 'delete', 'scale', 'setImage', 'rollout', 'kubectl', 'label', 'wait', 'node', 'patch'] as const;

/** What a grading platform (Gradescope) shows of a spec or step: on the spec for all its steps, on a step for itself. */
const gradingKeys = {
  visibility: {
    enum: ['visible', 'hidden', 'after_due_date', 'after_published'],
    description: "Gradescope: when students see the test (default `visible`); `hidden` tests are the instructor's alone until published.",
  },
  tags: { type: 'array', items: { type: 'string', minLength: 1, description: 'A tag.' }, description: 'Gradescope: tags of the test (e.g. the topic it checks).' },
  feedback: {
    enum: ['full', 'summary', 'none'],
    description:
      'What a failed test tells the student: `full` (every mismatch and diff), `summary` (which assertion failed and where, no expected or actual values), `none` (nothing). Default: `full` for visible tests, `summary` otherwise, so hidden tests do not leak their answers.',
  },
};

const step = {
  type: 'object',
  additionalProperties: false,
  description: 'One action, then (unless `settle: false`) the cluster settles, then the assertions are checked.',
  'x-one-action': true,
  oneOf: ACTION_KEYS.map((a) => ({ required: [a] })),
  properties: {
    name: { type: 'string', minLength: 1, description: "The step's name in reports (default: a summary of its action)." },
    apply: manifestSource('apply'),
    create: manifestSource('create'),
    delete: {
      type: 'object',
      additionalProperties: false,
      description: 'Delete objects: `kind` + `name`, `kind` + `selector` (with `pick`), or every object of a manifest `file` (like `kubectl delete -f`).',
      properties: {
        kind: kind('The kind of the objects to delete.'),
        name: { type: 'string', minLength: 1, description: 'The object to delete.' },
        selector: selector('Delete the objects whose labels match.'),
        file: { type: 'string', minLength: 1, description: 'Delete every object the manifest file names (like `kubectl delete -f FILE`).' },
        pick,
        cascade: {
          type: 'string',
          enum: ['background', 'foreground', 'orphan'],
          description: 'Propagation of the deletion to dependents: `background` (default), `foreground`, `orphan` (as `kubectl delete --cascade=`).',
        },
        namespace,
        gracePeriod: { type: 'integer', minimum: 0, description: 'Extension: `kubectl delete --grace-period`; 0 removes a pod at once.' },
      },
    },
    scale: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'name', 'replicas'],
      description: 'Set `spec.replicas` (like `kubectl scale`).',
      properties: target('scale', { replicas: { type: 'integer', description: 'The new replica count.' } }),
    },
    setImage: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'container', 'image'],
      description: "Change a container's image (like `kubectl set image`).",
      properties: target('update', {
        kind: kind('The kind of the object to update (default `Deployment`).'),
        container: { type: 'string', minLength: 1, description: 'The container (`*` for every container).' },
        image: { type: 'string', minLength: 1, description: 'The new image.' },
      }),
    },
    rollout: {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'name'],
      description: 'Like `kubectl rollout undo|restart|pause|resume`.',
      properties: target('roll', {
        kind: kind('The kind (default `Deployment`).'),
        action: { type: 'string', enum: ['undo', 'restart', 'pause', 'resume'], description: 'What to do.' },
        toRevision: { type: 'integer', minimum: 0, description: 'For `undo`: the revision to roll back to (default: the previous one).' },
      }),
    },
    kubectl: {
      type: 'string',
      minLength: 1,
      description:
        'A kubectl command line (with or without the leading `kubectl`), run by the embedded emulation. Its output and exit code are kept for `output`/`exitCode`. A non-zero exit fails the step unless the step checks `output` or `exitCode`, or sets `expectError`.',
    },
    label: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      description: 'Set and remove labels (like `kubectl label --overwrite`) on `kind` + `name`, or `kind` + `selector` (with `pick`).',
      properties: {
        kind: kind('The kind of the objects to label.'),
        name: { type: 'string', minLength: 1, description: 'The object to label.' },
        selector: selector('Label the objects whose labels match.'),
        pick,
        set: {
          type: 'object',
          description: 'Labels to set (numbers and booleans are written as text).',
          additionalProperties: { type: ['string', 'number', 'boolean'], description: 'A label value.' },
        },
        remove: { type: 'array', items: { type: 'string', minLength: 1, description: 'A label key.' }, description: 'Label keys to remove.' },
        namespace,
      },
    },
    wait: { ...duration, description: 'Advance the simulated clock by this long, letting everything due happen (timers that only a waiting user cares about: progress deadlines, node eviction, image pull back-off).' },
    node: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: "A node fails or recovers: its Ready condition is set through the API and the node-lifecycle controller reacts (conditions Unknown, unreachable taints, eviction after Kubernetes' default delay).",
      properties: {
        name: { type: 'string', minLength: 1, description: 'The node.' },
        ready: {
          description:
            "`false`: the node's kubelet stops (its pods are evicted after Kubernetes' default 300 s once a `wait` lets that time pass, and replaced elsewhere); `true`: it starts again. Extension: `unknown`: the node becomes unreachable at once (every condition Unknown, as the node-lifecycle controller writes it when heartbeats stop).",
          oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['unknown'] }],
          'x-expected': '`true`, `false` or `unknown`',
        },
        unschedulable: { type: 'boolean', description: 'Extension: cordon (`true`) or uncordon (`false`) the node.' },
      },
    },
    patch: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'name', 'patch'],
      description: 'Extension: patch an object (like `kubectl patch`).',
      properties: target('patch', {
        type: { type: 'string', enum: ['strategic', 'merge', 'json'], description: 'Patch type (default `strategic`).' },
        patch: { type: ['object', 'array'], description: 'The patch: an object (strategic or merge) or a list of JSON-patch operations.' },
      }),
    },
    edit: {
      description:
        "Extension, for a `kubectl: edit ...` step: what the editor saves, as a scripted `EDITOR` would. A text is the whole file as saved; a list of `{find, replace}` pairs changes the file `kubectl edit` opened (the object's YAML under kubectl's comment header), each `find` at its first occurrence, which must exist.",
      'x-expected': 'a text, or a list of `{find, replace}` pairs',
      oneOf: [
        { type: 'string', description: 'The whole file the editor saves.' },
        {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['find', 'replace'],
            properties: {
              find: { type: 'string', minLength: 1, description: 'Text of the file kubectl opened (its first occurrence is replaced).' },
              replace: { type: 'string', description: 'What it becomes.' },
            },
          },
        },
      ],
    },
    settle: { type: 'boolean', description: '`false`: do not run the controllers to a steady state after the action (default `true`).' },
    expectError: {
      type: 'string',
      minLength: 1,
      description: 'The action must fail with a message containing this text (or matching `/regex/`); a step that expects an error and gets none fails.',
    },
    expect: { type: 'array', items: { $ref: '#/definitions/assertion' }, description: 'Assertions checked once the cluster has settled.' },
    throughout: {
      type: 'array',
      items: { $ref: '#/definitions/assertion' },
      description: 'Assertions checked at every intermediate state while the step runs and settles; the first state that breaks one is reported with its simulated time.',
    },
    eventually: {
      type: 'array',
      items: { $ref: '#/definitions/assertion' },
      description:
        "Assertions each of which must hold at one or more of the states the step goes through (right after the action, then every intermediate state while it settles, the last included): Recreate's moment with no ready pod. One that never holds is reported with the closest state seen (the fewest failing fields) and its simulated time.",
    },
    points: { type: 'number', minimum: 0, description: "This step's points when grading (default: the spec's points spread evenly over the steps without their own)." },
    ...gradingKeys,
  },
};

const nodeConfig = {
  description: 'A node: a name (`master` and `control-plane*` are control-plane nodes, tainted NoSchedule) or its settings.',
  oneOf: [
    { type: 'string', minLength: 1, description: 'The node name.' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, description: 'The node name.' },
        controlPlane: { type: 'boolean', description: 'A control-plane node (labelled and tainted NoSchedule).' },
        ip: { type: 'string', minLength: 1, description: 'InternalIP (default 192.168.47.128 for the first node, then .129, ...).' },
        labels: { type: 'object', additionalProperties: { type: 'string', description: 'A label value.' }, description: 'Extra node labels.' },
        maxPods: { type: 'integer', minimum: 0, description: 'Pods the node accepts (default 110).' },
      },
      description: 'A node with settings.',
    },
  ],
  'x-expected': 'a node name or `{ name, controlPlane?, ip?, labels?, maxPods? }`',
};

export const SPEC_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kubespec.dev/schema/spec-v1.json',
  title: 'kubespec spec',
  description: 'One behaviour spec (one YAML document of a `*.spec.yaml` file): apply manifests, act on an embedded cluster, assert its state.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The spec name (unique within its file).' },
    description: { type: 'string', description: 'Free text.' },
    manifests: {
      type: 'string',
      minLength: 1,
      description:
        "Extension: the folder this spec's relative manifest paths resolve in, relative to the spec file (default: the spec's own folder), e.g. `../fixtures/course`. The spec author's choice, so it may lie outside the spec's folder; paths named in steps still may not leave it. With --submission, the submission folder is looked in first.",
    },
    points: { type: 'number', minimum: 0, description: "This spec's weight in a grade (default 1), spread evenly over the steps without their own `points`." },
    ...gradingKeys,
    tags: {
      ...gradingKeys.tags,
      description:
        'Tags of the spec: `--tag T` runs only the specs tagged T (any of several `--tag`s), `--exclude-tag T` skips those tagged T; Gradescope shows them on every test of the spec.',
    },
    skip: {
      description:
        'Skip this spec: `true`, or the reason as text (`skip: waiting for the lab on probes`). It is reported skipped, with the reason, and weighs nothing in a grade.',
      oneOf: [{ type: 'boolean' }, { type: 'string', minLength: 1 }],
      'x-expected': '`true`, `false`, or the reason as text',
    },
    only: {
      type: 'boolean',
      description:
        "`true`: while any spec of the run's files has it, only those specs run and every other is reported skipped (as Jest's `.only`); the summary says so. Meant for writing a suite, not for committing.",
    },
    cluster: {
      type: 'object',
      additionalProperties: false,
      description: "The embedded cluster (default: the course's master, worker0, worker1).",
      properties: {
        nodes: { type: 'array', minItems: 1, items: nodeConfig, description: 'The nodes, in order (their IPs follow that order).' },
        seed: { type: 'integer', description: "Seed of names, IPs and traffic spreading (default: the run's seed, else 1)." },
        images: {
          type: 'object',
          additionalProperties: false,
          description: 'Image registry behaviour.',
          properties: {
            unavailable: {
              type: 'array',
              items: { type: 'string', minLength: 1, description: 'An image reference; `*` matches any text.' },
              description: 'Images whose pulls fail (ErrImagePull, then ImagePullBackOff).',
            },
          },
        },
        timing: {
          type: 'object',
          additionalProperties: false,
          description: 'Extension: simulated durations.',
          properties: {
            imagePull: { ...duration, description: 'Pulling an image a node does not have yet (default 2s).' },
            containerStart: { ...duration, description: 'From image present to container running (default 1s).' },
            containerStop: { ...duration, description: 'From SIGTERM to container exited (default 1s).' },
          },
        },
        recordEvents: { type: 'boolean', description: 'Extension: record Event objects (default true; off speeds up very large specs).' },
        maxObjectsPerKind: { type: 'integer', minimum: 1, description: 'Extension: most objects of one kind the API server holds (default 50,000).' },
        maxReplicas: {
          type: 'integer',
          minimum: 1,
          description: 'Extension: most replicas a Deployment or ReplicaSet may ask for (default 20,000); past it the write is refused as by a quota.',
        },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      description: "Extension: this spec's budgets (defaults from the run): past one, the step fails with a `settle` failure and the remaining steps are skipped.",
      properties: {
        reconciles: { type: 'integer', minimum: 1, description: 'Reconciles the spec may run (default 2,000,000).' },
        simulatedTime: { ...duration, description: 'Simulated time the spec may cover, settling and waiting (default 24h).' },
        wallTime: { ...duration, description: 'Wall-clock time the spec may take (default 60s).' },
      },
    },
    steps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/step' }, description: 'The steps, run in order; a failing step does not stop the ones after it.' },
  },
  definitions: { step, assertion, objectAssertion, outputAssertion, requestAssertion, fileAssertion },
};

/** The keys a step may carry besides its action. */
export const STEP_OPTION_KEYS = ['name', 'settle', 'expectError', 'expect', 'throughout', 'eventually', 'points', 'visibility', 'tags', 'feedback', 'edit'] as const;
