"""The JSON Schema editors use agrees with the loader on real packs and on common mistakes."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from coach import paths
from coach.packs.model import json_schema
from tests.packs import pack_data, with_step


def _as_json(data: Any) -> Any:
    """What an editor sees: YAML read, then every key a string, as in JSON."""
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_built_in_pack_fits_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    for path in paths.builtin_packs_dir().glob("*.yaml"):
        data = _as_json(yaml.safe_load(path.read_text()))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name


@pytest.mark.parametrize(
    "broken",
    [
        pack_data(titel="typo"),
        pack_data(format="coach-pack/2"),
        pack_data(id="Not An Id"),
        with_step({"type": "dance"}),
        with_step({"type": "timer", "seconds": 0}),
        with_step({"type": "breathe", "pattern": [{"in": 4, "out": 4}]}),
        with_step({"type": "rating", "id": "r"}),
    ],
)
def test_the_schema_flags_common_mistakes(
    validator: jsonschema.Draft202012Validator, broken: dict[str, Any]
) -> None:
    assert not validator.is_valid(_as_json(broken))


def test_the_schema_allows_x_keys(validator: jsonschema.Draft202012Validator) -> None:
    assert validator.is_valid(_as_json(pack_data(**{"x-notes": "anything"})))
