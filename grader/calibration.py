"""A rubric's calibration file (`calibration: FILE`, written by `grader calibrate`): the numbers fitted to a
teacher's marks, laid over the rubric when it is loaded.

It holds numbers only, never a model: each part's relative weight, the percentages at which each mark
begins (`cuts`), and for answer-level scoring the table from parts found to mark and the level a part
needs to count. The mark stays explained by the rubric's parts; the file says how much each is worth.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RubricError

if TYPE_CHECKING:
    from .rubric import Rubric


class Calibration(BaseModel):
    """The fitted numbers; any key may be left out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, float] = Field(default_factory=dict, description=(
        "Each part's relative weight; they are scaled so that they add up to the rubric's `total`."))
    cuts: list[float] | None = Field(None, description=(
        "The percentage at which each mark above the lowest begins (one per step of the mark scale)."))
    marks: list[int] | None = Field(None, description="With `scoring`: the mark for each count of parts found.")
    found: Literal["thin", "developed"] | None = Field(None, description="With `scoring`: the level a part needs.")


def apply_calibration(rubric: Rubric, path: Path, shown: str) -> Rubric:
    """The rubric with its calibration file's numbers in place; a bad file is a one-line error naming it."""
    from .rubric import MAX_RUBRIC_BYTES, _field, _line_for, _load_yaml, cross_check

    try:
        if path.stat().st_size > MAX_RUBRIC_BYTES:
            raise RubricError(shown, "calibration file is too large")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError(shown, "calibration file not found (run grader calibrate, or remove `calibration:`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(shown, f"cannot read the calibration file ({exc})") from None
    data, lines = _load_yaml(text, shown)
    try:
        calibration = Calibration.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise RubricError(shown, err["msg"], line=_line_for(lines, loc), field=_field(loc) or None) from None
    ids = {e.id for e in rubric.elements}
    for element_id, weight in calibration.weights.items():
        if element_id not in ids:
            raise RubricError(shown, f"'{element_id}' is not one of the rubric's parts", line=_line_for(lines, ("weights",)))
        if weight <= 0:
            raise RubricError(shown, f"the weight of '{element_id}' must be above 0", line=_line_for(lines, ("weights",)))
    updates: dict = {}
    if calibration.weights:
        raw = {e.id: calibration.weights.get(e.id, e.weight) for e in rubric.elements}
        scale = rubric.total / sum(raw.values())
        updates["elements"] = [e.model_copy(update={"weight": raw[e.id] * scale}) for e in rubric.elements]
    if calibration.cuts is not None:
        updates["mark"] = rubric.mark.model_copy(update={"cuts": calibration.cuts})
    if calibration.marks is not None or calibration.found is not None:
        if rubric.scoring is None:
            raise RubricError(shown, "`marks` and `found` calibrate answer-level `scoring`, which the rubric does not use")
        changes = {k: v for k, v in (("marks", calibration.marks), ("found", calibration.found)) if v is not None}
        updates["scoring"] = rubric.scoring.model_copy(update=changes)
    calibrated = rubric.model_copy(update=updates)
    problem = cross_check(calibrated)
    if problem is not None:
        loc, reason = problem
        raise RubricError(shown, reason, field=_field(loc) or None)
    calibrated._uncalibrated = rubric
    return calibrated
