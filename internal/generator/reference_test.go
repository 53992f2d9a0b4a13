package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestSchemaDrivenTestsFollowSpecChange proves that the root package's schema-driven tests
// (codec_reference_test.go: the reference decoder; codec_models_test.go: the Go types against
// the schema, the codec against the reference on every model) follow a spec change with no
// change to their code, and runs them on what api/openapi.yaml does not have yet. A copy of the
// spec gets a model with a member of every kind and storage form (bool, int64, float32,
// float64, date-time; Nullable scalars, enum and model; lists and maps of scalars, enums,
// models, lists and free-form values; free-form values; required ones among them) and a cycle
// of required models, reached only through a list and a map (a null element is a zero value,
// in which one member of the cycle is a nil pointer), all reached from AllocationCloud through
// an optional member. The generated module gets the test files as they are, and runs them.
func TestSchemaDrivenTestsFollowSpecChange(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not testing a generated module")
	}
	spec, err := os.ReadFile(filepath.Join(repoRoot, "api/openapi.yaml"))
	require.NoError(t, err)
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(spec, &root))
	schemas := mapGet(t, mapGet(t, root.Content[0], "components"), "schemas")
	mapAdd(t, mapGet(t, mapGet(t, schemas, "AllocationCloud"), "properties"), "extras", "$ref: '#/components/schemas/AllKinds'")
	mapAdd(t, schemas, "AllKinds", `type: object
required: [flag, big, when, reqNullable, reqList, reqMap, reqAny]
properties:
  flag: {type: boolean}
  big: {type: integer, format: int64}
  when: {type: string, format: date-time}
  ratio: {type: number}
  precise: {type: number, format: double}
  optFlag: {type: boolean}
  optBig: {type: integer, format: int64}
  nullInt: {type: integer, nullable: true}
  nullBig: {type: integer, format: int64, nullable: true}
  nullFloat: {type: number, nullable: true}
  nullDouble: {type: number, format: double, nullable: true}
  nullBool: {type: boolean, nullable: true}
  nullString: {type: string, nullable: true}
  nullTime: {type: string, format: date-time, nullable: true}
  nullEnum: {allOf: [{$ref: '#/components/schemas/AllocationStatusEnum'}], nullable: true}
  nullModel: {allOf: [{$ref: '#/components/schemas/EmbeddedModelSchema'}], nullable: true}
  reqNullable: {type: string, nullable: true}
  tags: {type: array, items: {type: string}}
  reqList: {type: array, items: {$ref: '#/components/schemas/AllocationCloudUrl'}}
  matrix: {type: array, items: {type: array, items: {type: integer}}}
  times: {type: array, items: {type: string, format: date-time}}
  enums: {type: array, items: {$ref: '#/components/schemas/AllocationStatusEnum'}}
  floats: {type: array, items: {type: number}}
  counts: {type: object, additionalProperties: {type: integer, format: int64}}
  reqMap: {type: object, additionalProperties: {$ref: '#/components/schemas/GroupedTimestamp'}}
  listMap: {type: object, additionalProperties: {type: array, items: {type: boolean}}}
  free: {}
  reqAny: {description: any JSON value}
  freeMap: {type: object}
  anyList: {type: array, items: {}}
  rings: {type: array, items: {$ref: '#/components/schemas/RingA'}}
  ringMap: {type: object, additionalProperties: {$ref: '#/components/schemas/RingB'}}`)
	mapAdd(t, schemas, "RingA", "type: object\nrequired: [b, name]\nproperties:\n  b: {$ref: '#/components/schemas/RingB'}\n  name: {type: string}")
	mapAdd(t, schemas, "RingB", "type: object\nrequired: [a, n]\nproperties:\n  a: {$ref: '#/components/schemas/RingA'}\n  n: {type: integer}")
	changed, err := yaml.Marshal(&root)
	require.NoError(t, err)

	dir, api := newModule(t, changed)
	assert.Empty(t, api.Unsupported)
	// The test files as they are, what they read, and the repository's go.mod and go.sum (they
	// use testify).
	for _, f := range []string{"go.mod", "go.sum", "codec_reference_test.go", "codec_models_test.go",
		"codec_helpers_test.go", "testdata/allocation_cloud_sample.json"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	out := goCommand(t, dir, "test", "-count=1", "-v", "-run", "^(TestGoTypesFollowSchema|TestCodecMatchesReferenceEveryModel)$", ".")
	for _, model := range []string{"AllKinds", "AllocationCloud", "RingA", "RingB"} {
		assert.Contains(t, out, "--- PASS: TestGoTypesFollowSchema/"+model+" ")
		assert.Contains(t, out, "--- PASS: TestCodecMatchesReferenceEveryModel/"+model+" ")
	}
}
