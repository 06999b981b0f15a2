#!/usr/bin/env python3
"""Writes the offline JSON schemas kubeconform validates our manifests against.

kubeconform downloads its schemas from the internet by default; nothing outside reaches our
machines, so tools/setup.sh takes the Kubernetes OpenAPI document (api/openapi-spec/swagger.json of
the k8s.io/kubernetes Go module) and the prometheus-operator CustomResourceDefinitions (from the
github.com/prometheus-operator/prometheus-operator Go module) and this script turns them into one
standalone, strict schema per kind, named as kubeconform's -schema-location template
'{{ .ResourceKind }}{{ .KindSuffix }}.json' expects (deployment-apps-v1.json, service-v1.json,
servicemonitor-monitoring-v1.json).

Standalone: every $ref is resolved in place (kubeconform then needs no other file). Strict: an
object that lists its properties accepts no others, so a misspelt field fails validation; maps
(additionalProperties given) and x-kubernetes-preserve-unknown-fields objects stay open. The same
conversions as the well-known openapi2jsonschema: int-or-string and quantities accept numbers too,
optional fields accept null (Helm renders empty values as null).

Usage: k8s_json_schemas.py --swagger swagger.json [--crd crd.json ...] --out DIR
"""

import argparse
import copy
import json
import os
import sys

INT_OR_STRING = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
QUANTITY = {"oneOf": [{"type": "string"}, {"type": "number"}]}
QUANTITY_REF = "io.k8s.apimachinery.pkg.api.resource.Quantity"


def kind_suffix(group, version):
    # kubeconform: "-" + first label of the group (none for the core group) + "-" + version.
    if not group:
        return "-" + version.lower()
    return "-" + group.split(".")[0].lower() + "-" + version.lower()


def allow_null(schema):
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif "oneOf" in schema and not any(s.get("type") == "null" for s in schema["oneOf"]):
        schema["oneOf"] = schema["oneOf"] + [{"type": "null"}]
    return schema


def strictify(schema):
    """Closes objects with listed properties, makes optional properties nullable, recursively."""
    if not isinstance(schema, dict):
        return schema
    if schema.get("x-kubernetes-int-or-string"):
        return copy.deepcopy(INT_OR_STRING)
    if schema.get("format") == "int-or-string":
        return copy.deepcopy(INT_OR_STRING)
    properties = schema.get("properties")
    if isinstance(properties, dict):
        required = set(schema.get("required", []))
        for name, sub in list(properties.items()):
            sub = strictify(sub)
            if name not in required:
                sub = allow_null(sub)
            properties[name] = sub
        if ("additionalProperties" not in schema and
                not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            schema[key] = strictify(schema[key])
    for key in ("allOf", "anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            schema[key] = [strictify(s) for s in schema[key]]
    return schema


class Resolver:
    """Inlines the swagger document's #/definitions references (recursion cut to an open schema)."""

    def __init__(self, definitions):
        self.definitions = definitions
        self.cache = {}

    def resolve(self, schema, stack=()):
        if isinstance(schema, list):
            return [self.resolve(s, stack) for s in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str):  # JSONSchemaProps has a *property* called $ref
            name = ref.rsplit("/", 1)[-1]
            if name == QUANTITY_REF:
                return copy.deepcopy(QUANTITY)
            if name in stack:
                return {}  # a recursive type (JSONSchemaProps): accept anything below
            if name not in self.cache:
                self.cache[name] = self.resolve(self.definitions[name], stack + (name,))
            resolved = copy.deepcopy(self.cache[name])
            for key, value in schema.items():  # siblings of $ref, e.g. a description
                if key != "$ref":
                    resolved.setdefault(key, value)
            return resolved
        return {key: self.resolve(value, stack) for key, value in schema.items()}


def write(out_dir, group, version, kind, schema, written):
    schema = strictify(schema)
    schema["$schema"] = "http://json-schema.org/schema#"
    name = kind.lower() + kind_suffix(group, version) + ".json"
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as handle:
        json.dump(schema, handle, separators=(",", ":"))
    written.append(name)


def from_swagger(path, out_dir, written):
    with open(path, encoding="utf-8") as handle:
        definitions = json.load(handle)["definitions"]
    resolver = Resolver(definitions)
    for name, definition in sorted(definitions.items()):
        kinds = definition.get("x-kubernetes-group-version-kind") or []
        # List kinds and the meta.v1 types carry many GVKs; a kind's own schema names one.
        if len(kinds) != 1:
            continue
        gvk = kinds[0]
        write(out_dir, gvk["group"], gvk["version"], gvk["kind"],
              resolver.resolve(definition, (name,)), written)


def from_crd(path, out_dir, written):
    with open(path, encoding="utf-8") as handle:
        crd = json.load(handle)
    spec = crd["spec"]
    for version in spec["versions"]:
        schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
        write(out_dir, spec["group"], version["name"], spec["names"]["kind"], schema, written)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--swagger", required=True)
    parser.add_argument("--crd", action="append", default=[])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    written = []
    from_swagger(args.swagger, args.out, written)
    for crd in args.crd:
        from_crd(crd, args.out, written)
    print(f"{len(written)} schemas written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
