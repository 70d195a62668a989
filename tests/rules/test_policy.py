"""The policy file: loads, validates with messages naming the key, quotes the policy word for word."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from cecintake.errors import PolicyError
from cecintake.rules import RuleSource, load_policy, load_policy_text
from cecintake.rules.policy import BUNDLED

from . import test_rules
from .builders import POLICY

POLICY_TEXT = Path("/work/shared/policy/ser-continuing-education.txt")
CONTRACT_TEXT = Path("/work/shared/contracts/README.md")


def _flat(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def test_bundled_policy_loads_with_version_and_every_rule() -> None:
    p = load_policy()
    assert p.version == "2025.1"
    assert "cat7.cap" in p.catalogue() and len(p.catalogue()) == 35


@pytest.mark.skipif(not POLICY_TEXT.exists(), reason="shared policy text not mounted")
@pytest.mark.parametrize("rule_id", [r for r, x in POLICY.catalogue().items() if x.source is RuleSource.POLICY])
def test_policy_sentence_is_quoted_word_for_word(rule_id: str) -> None:
    assert _flat(POLICY.rule(rule_id).sentence) in _flat(POLICY_TEXT.read_text(encoding="utf-8"))


@pytest.mark.skipif(not CONTRACT_TEXT.exists(), reason="shared contract not mounted")
@pytest.mark.parametrize("rule_id", [r for r, x in POLICY.catalogue().items() if x.source is RuleSource.CONTRACT])
def test_contract_sentence_is_quoted_word_for_word(rule_id: str) -> None:
    assert _flat(POLICY.rule(rule_id).sentence) in _flat(CONTRACT_TEXT.read_text(encoding="utf-8"))


def test_every_rule_has_a_named_test_citing_it() -> None:
    cited = set()
    for name, fn in inspect.getmembers(test_rules, inspect.isfunction):
        if name.startswith("test_") and fn.__doc__:
            cited |= set(re.findall(r"^\s*\[([a-z0-9_.]+)\]", fn.__doc__, flags=re.M))
    assert set(POLICY.catalogue()) - cited == set()


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        pytest.param({"rules": {"cat3.hours": {"hours_per_cec": 0}}}, 'rules["cat3.hours"].hours_per_cec', id="rate-zero"),
        pytest.param({"rules": {"cat7.cap": {"max_cecs": "five"}}}, 'rules["cat7.cap"].max_cecs', id="cap-not-number"),
        pytest.param({"rules": {"credit.rounding": {"mode": "sideways"}}}, 'rules["credit.rounding"].mode', id="rounding-mode"),
        pytest.param({"rules": {"cat2.hourz": {"sentence": "x", "hours_per_cec": 1}}}, 'rules["cat2.hourz"]', id="unknown-rule"),
        pytest.param({"rules": {"preapproval.categories": {"categories": [1, 5]}}}, 'rules["preapproval.categories"].categories', id="preapprove-cat5"),
        pytest.param({"version": ""}, "version", id="empty-version"),
    ],
)
def test_bad_policy_fails_naming_the_key(changes: dict, key: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(key)):
        POLICY.with_changes(changes)


def test_missing_rule_names_it(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/cecintake/rules" / BUNDLED).read_text(encoding="utf-8")
    bad = re.sub(r"\n  cat7\.cap:\n(    .*\n)+", "\n", text)
    f = tmp_path / "p.yaml"
    f.write_text(bad, encoding="utf-8")
    with pytest.raises(PolicyError, match=r'rules\["cat7.cap"\]: Field required'):
        load_policy(f)


def test_unreadable_and_non_yaml_files_raise_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "absent.yaml")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy_text("rules: [unclosed")
    with pytest.raises(PolicyError, match="must be a mapping"):
        load_policy_text("- a list")


def test_a_policy_file_is_parsed_once_until_its_text_changes(tmp_path: Path) -> None:
    """A bulk run loads the policy for every chunk: the same text gives the same immutable
    Policy without parsing again; an edited file is read afresh; a broken one fails every time."""
    text = (Path(__file__).parents[2] / "src/cecintake/rules" / BUNDLED).read_text(encoding="utf-8")
    f = tmp_path / "p.yaml"
    f.write_text(text, encoding="utf-8")
    first = load_policy(f)
    assert load_policy(f) is first
    f.write_text(text.replace(f'version: "{first.version}"', "version: edited", 1), encoding="utf-8")
    edited = load_policy(f)
    assert edited is not first and edited.version == "edited"
    f.write_text("rules: [unclosed", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PolicyError, match="not valid YAML"):
            load_policy(f)
