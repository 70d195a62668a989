"""Shift-aware calibration (extractors/fields/calibrate.py): a finder is as good as on its worst
train template or wording, must be seen on several templates to auto-accept, and an unseen
finder never auto-accepts."""

from cecintake.extractors.fields.calibrate import BELOW, MIN_TEMPLATES, SAFE, calibrated, compiled, robust


def _groups(per_template: dict[str, tuple[int, int]]) -> dict[str, list[int]]:
    g = {"all": [sum(n for n, _ in per_template.values()), sum(r for _, r in per_template.values())]}
    g.update({f"t:{t}": [n, r] for t, (n, r) in per_template.items()})
    return g


def test_worst_template_sinks_a_finder_that_pools_well():
    good = {f"tmpl{i}": (300, 300) for i in range(5)}
    pooled_only, _ = robust({"all": [1540, 1536]})
    assert pooled_only >= SAFE  # 99.7% pooled would pass on its own...
    rate, templates = robust(_groups({**good, "bad": (40, 36)}))
    assert templates == 6 and rate < SAFE  # ...but one layout where it is 10% wrong holds it back
    assert calibrated("provider", "label", 0.95, compiled({"provider|label": {"hi": _groups({**good, "bad": (40, 36)})}})) < 0.9


def test_a_group_too_small_to_say_anything_does_not_sink_a_finder():
    rate, templates = robust(_groups({**{f"tmpl{i}": (300, 300) for i in range(5)}, "small": (4, 3)}))
    assert rate >= SAFE and templates == 5


def test_a_band_seen_on_too_few_templates_cannot_auto_accept():
    few = {f"tmpl{i}": (200, 200) for i in range(MIN_TEMPLATES - 1)}
    table = compiled({"grade|label": {"hi": _groups(few)}})
    assert calibrated("grade", "label", 0.95, table) <= BELOW
    more = {f"tmpl{i}": (200, 200) for i in range(MIN_TEMPLATES)}
    assert calibrated("grade", "label", 0.95, compiled({"grade|label": {"hi": _groups(more)}})) == 0.95


def test_an_unseen_finder_never_auto_accepts():
    assert calibrated("grade", "a finder nobody measured", 0.99, {}) <= BELOW


def test_a_robust_mid_band_is_lifted_and_a_low_band_is_not():
    solid = {f"tmpl{i}": (200, 200) for i in range(MIN_TEMPLATES)}
    table = compiled({"signer_role|signature block": {"mid": _groups(solid), "lo": _groups(solid)}})
    assert calibrated("signer_role", "signature block", 0.85, table) >= 0.9
    assert calibrated("signer_role", "signature block", 0.8, table) == 0.8


def test_shipped_table_keeps_a_weak_finder_below_the_line():
    # "largest line" titles are right about two times in three on train: never auto-accepted
    assert calibrated("activity_title", "largest line", 0.95) < 0.9
