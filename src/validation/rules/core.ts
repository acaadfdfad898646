import { RuleDefinition, Severity } from '../rule';

/** Rules about the library itself and the inputs it is given: internal errors and runtime type checks. */
export const CoreRules = {
  INTERNAL_ERROR: {
    id: 'MESH-CORE-001',
    severity: Severity.ERROR,
    message: 'The library failed internally while rendering or validating this construct; this is a bug in cdk8s-mesh.',
    fix: 'Report it to the cdk8s-mesh maintainers with this message and the construct\'s props; until it is fixed, change the props named in the detail.',
    doc: 'A library bug must never surface as a bare stack trace without a construct path, nor hide the other problems of the app.',
  },
  WRONG_TYPE: {
    id: 'MESH-CORE-002',
    severity: Severity.ERROR,
    message: 'A prop or argument has the wrong type.',
    fix: 'Pass a value of the expected type named in the detail (see API.md); from JavaScript or Python check spelling and nesting.',
    doc: 'jsii users (JavaScript, Python, Java, Go, .NET) get no compile-time check; a value of the wrong type otherwise crashes or writes wrong YAML.',
  },
  UNKNOWN_PROP: {
    id: 'MESH-CORE-003',
    severity: Severity.ERROR,
    message: 'A props object has a field the type does not declare.',
    fix: 'Remove the field or correct its spelling to one of the fields named in the detail.',
    doc: 'A misspelled prop (`cluster:` instead of `clusters:`) is otherwise ignored silently and the default applies.',
  },
  MISSING_REQUIRED: {
    id: 'MESH-CORE-004',
    severity: Severity.ERROR,
    message: 'A required prop or argument is missing.',
    fix: 'Set the field named in the detail.',
    doc: 'Without it the construct cannot be rendered; the TypeScript compiler catches this, other jsii languages do not.',
  },
  NOT_AN_ENUM_VALUE: {
    id: 'MESH-CORE-005',
    severity: Severity.ERROR,
    message: 'A prop expects a member of an enum, but the value is none of its members.',
    fix: 'Use the enum member (e.g. `MtlsMode.STRICT`), not a string of your own; the allowed values are in the detail.',
    doc: 'A plain string such as "strict" is written into the YAML as-is, and Istio rejects or ignores it.',
  },
  WRONG_CLASS: {
    id: 'MESH-CORE-006',
    severity: Severity.ERROR,
    message: 'A prop expects an instance of a class, but got another kind of value.',
    fix: 'Build the value with the class named in the detail, e.g. `Duration.seconds(5)` instead of "5s", `StringMatch.prefix("/api")` instead of "/api".',
    doc: 'A plain value where a class is expected crashes deep inside rendering (e.g. "duration.toMilliseconds is not a function").',
  },
  NO_CLUSTERS: {
    id: 'MESH-CORE-007',
    severity: Severity.ERROR,
    message: 'The mesh has no clusters, so synthesis would write nothing.',
    fix: 'Pass `clusters: [{ name: "cluster-1" }]` to the Mesh or call `mesh.addCluster(...)`.',
    doc: 'An empty mesh used to exit 0 with no output, which a pipeline reads as success.',
  },
} satisfies Record<string, RuleDefinition>;
