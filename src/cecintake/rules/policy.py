"""The policy as typed data: ``policy.yaml`` loaded into frozen pydantic models.

Every rule is keyed by its stable id and carries the sentence it implements. A bad
file fails on load with :class:`PolicyError` naming the key (``rules["cat3.hours"].hours_per_cec``).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..domain.vocab import Category, PublicationKind, PublicationStatus
from ..errors import PolicyError

BUNDLED = "policy.yaml"


class RuleSource(StrEnum):
    POLICY = "policy"  # the sentence is quoted word for word from the SER policy
    CONTRACT = "contract"  # from the public contract (shared/contracts/README.md)
    HOUSE = "house"  # a house setting, not in the policy text


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Rule(_Model):
    sentence: str = Field(min_length=1)
    source: RuleSource = RuleSource.POLICY


class RoundingRule(Rule):
    step: float = Field(gt=0, le=10)
    mode: Literal["down", "nearest", "up"] = "down"

    def apply(self, value: float) -> float:
        """Round ``value`` to a multiple of ``step`` (down by default); never negative."""
        if value <= 0:
            return 0.0
        step = Decimal(str(self.step))
        how = {"down": ROUND_FLOOR, "nearest": ROUND_HALF_UP, "up": ROUND_CEILING}[self.mode]
        units = (Decimal(str(value)) / step).quantize(Decimal(1), rounding=how)
        return float(units * step)


class CycleTotalRule(Rule):
    required_total: float = Field(gt=0)
    years: int = Field(ge=1, le=10)


class YearlyMinimumRule(Rule):
    minimum: float = Field(ge=0)


class HoursRateRule(Rule):
    hours_per_cec: float = Field(gt=0)


class ItemRule(Rule):
    cecs: float = Field(ge=0)


class PerYearRule(Rule):
    cecs_per_year: float = Field(ge=0)


class PerEventRule(Rule):
    cecs_per_event: float = Field(ge=0)


class CapRule(Rule):
    max_cecs: float = Field(ge=0)


class OptionalCapRule(CapRule):
    enabled: bool = False


class AcceptedRule(Rule):
    eligible_statuses: frozenset[PublicationStatus] = Field(min_length=1)


class KeywordRule(Rule):
    restoration_keywords: tuple[str, ...] = Field(min_length=1)


class ContactMinimumRule(Rule):
    minimum_hours: float = Field(ge=0)


class ContactCountableRule(Rule):
    max_hours_per_day: float = Field(gt=0, le=24)


class GradeRule(Rule):
    passing: frozenset[str] = Field(min_length=1)
    failing: frozenset[str] = frozenset()
    percent_pass_mark: float = Field(ge=0, le=100)
    points_pass_mark: float = Field(ge=0, le=4.5)

    @field_validator("passing", "failing", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return [str(x).strip().upper() for x in v] if isinstance(v, list | tuple) else v


class DistanceRule(Rule):
    """Distance learning: what participants attended must come with estimated contact time
    and a means of attendance verification (the instructor of category 4 attends nothing)."""

    applies_to_categories: frozenset[Category] = frozenset({Category.COURSEWORK, Category.TRAINING,
                                                             Category.CONFERENCE})


class InstructorRule(Rule):
    applies_to_categories: frozenset[Category]
    ser_certifications: tuple[str, ...] = Field(min_length=1)
    discipline_certifications: tuple[str, ...] = ()
    academic_keywords: tuple[str, ...] = ()


class PreapprovalCategoriesRule(Rule):
    categories: frozenset[Category] = Field(min_length=1)

    @field_validator("categories")
    @classmethod
    def _only_1_to_4(cls, v: frozenset[Category]) -> frozenset[Category]:
        if any(not c.pre_approvable for c in v):
            raise ValueError("only categories 1-4 may be pre-approved")
        return v


class RecurringRule(Rule):
    max_years: int = Field(ge=1, le=10)


def _rule(alias: str) -> Any:
    return Field(alias=alias)


class Rules(_Model):
    """Every rule of the policy, one field each, keyed in the file by its stable id."""

    rounding: RoundingRule = _rule("credit.rounding")
    cycle_total: CycleTotalRule = _rule("cycle.total")
    yearly_minimum: YearlyMinimumRule = _rule("cycle.yearly_minimum")
    cycle_window: Rule = _rule("cycle.window")
    future_date: Rule = _rule("claim.future_date")
    duplicate: Rule = _rule("claim.duplicate")
    documentation: Rule = _rule("evidence.documentation")
    cat1_hours: HoursRateRule = _rule("cat1.hours")
    cat2_hours: HoursRateRule = _rule("cat2.hours")
    cat3_hours: HoursRateRule = _rule("cat3.hours")
    cat4_hours: HoursRateRule = _rule("cat4.hours")
    teaching_repeat: Rule = _rule("cat4.teaching_repeat")
    book: ItemRule = _rule("cat5.book")
    book_chapter: ItemRule = _rule("cat5.book_chapter")
    peer_reviewed: ItemRule = _rule("cat5.peer_reviewed")
    other_educational: ItemRule = _rule("cat5.other_educational")
    publication_accepted: AcceptedRule = _rule("cat5.accepted")
    board: PerYearRule = _rule("cat6.board")
    committee: PerYearRule = _rule("cat6.committee")
    event: PerEventRule = _rule("cat6.event")
    same_level: Rule = _rule("cat6.same_level")
    cat7_hours: HoursRateRule = _rule("cat7.hours")
    volunteer_cap: CapRule = _rule("cat7.cap")
    nonprofit: KeywordRule = _rule("cat7.nonprofit")
    volunteer_documentation: Rule = _rule("cat7.documentation")
    contact_minimum: ContactMinimumRule = _rule("contact.minimum")
    contact_countable: ContactCountableRule = _rule("contact.countable")
    grade: GradeRule = _rule("grade.passing")
    distance: DistanceRule = _rule("distance.verification")
    instructor: InstructorRule = _rule("instructor.qualification")
    preapproval_categories: PreapprovalCategoriesRule = _rule("preapproval.categories")
    preapproval_code: Rule = _rule("preapproval.code")
    preapproval_recurring: RecurringRule = _rule("preapproval.recurring")
    preapproval_terminated: Rule = _rule("preapproval.terminated")
    activity_max: OptionalCapRule = _rule("activity.max")


class Policy(_Model):
    version: str = Field(min_length=1)
    title: str = ""
    rules: Rules

    def rule_id(self, attr: str) -> str:
        """The stable id of the rule stored on ``Rules.<attr>``."""
        return Rules.model_fields[attr].alias or attr

    def rule(self, rule_id: str) -> Rule:
        for attr, info in Rules.model_fields.items():
            if info.alias == rule_id:
                return getattr(self.rules, attr)
        raise KeyError(rule_id)

    def catalogue(self) -> dict[str, Rule]:
        """Rule id -> rule, in file order."""
        return {info.alias or a: getattr(self.rules, a) for a, info in Rules.model_fields.items()}

    def hours_rate(self, category: Category) -> tuple[str, HoursRateRule]:
        attr = {1: "cat1_hours", 2: "cat2_hours", 3: "cat3_hours", 4: "cat4_hours", 7: "cat7_hours"}[
            int(category)
        ]
        return self.rule_id(attr), getattr(self.rules, attr)

    def publication_rate(self, kind: PublicationKind) -> tuple[str, ItemRule]:
        return self.rule_id(kind.value), getattr(self.rules, kind.value)

    def round(self, value: float) -> float:
        return self.rules.rounding.apply(value)

    def per_activity_max(self) -> float | None:
        m = self.rules.activity_max
        return m.max_cecs if m.enabled else None

    def with_changes(self, changes: dict[str, Any]) -> Policy:
        """A copy with ``changes`` deep-merged over the file's keys (ids as in the file), validated."""
        merged = _deep_merge(self.model_dump(by_alias=True, mode="json"), changes)
        return policy_from_data(merged, origin="<with_changes>")


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _key_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif "." in str(item):
            parts.append(f'["{item}"]')
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def policy_from_data(data: Any, *, origin: str) -> Policy:
    if not isinstance(data, dict):
        raise PolicyError(f"{origin}: the policy must be a mapping with keys version, title, rules")
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = _key_path(tuple(first["loc"]))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise PolicyError(
            f"{origin}: key {key}: {first['msg']}{more}",
            hint="fix the named key in the policy file; every rule id of the bundled policy.yaml is required",
        ) from exc


def load_policy_text(text: str, *, origin: str = "<string>") -> Policy:
    """The policy a YAML text states. The same text gives the same Policy object (immutable):
    parsing and validating costs about 25 ms, which a bulk run paid for every chunk."""
    return _parsed_policy(text, origin)


@lru_cache(maxsize=8)
def _parsed_policy(text: str, origin: str) -> Policy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{origin}: not valid YAML: {exc}") from exc
    return policy_from_data(data, origin=origin)


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file; ``None`` loads the bundled ``policy.yaml``."""
    if path is None:
        text = resources.files(__package__).joinpath(BUNDLED).read_text(encoding="utf-8")
        return load_policy_text(text, origin=BUNDLED)
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{p}: cannot read the policy file: {exc.strerror or exc}") from exc
    return load_policy_text(text, origin=str(p))
