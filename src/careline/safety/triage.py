"""Triage of one patient message: emergency, urgent or routine, plus scope and injection flags.

Steps: normalise the text (slang, contractions, typos of safety words) -> find concept anchors -> keep
those that describe something happening now (`safety.context`) -> count clusters of signs that only together
mean an emergency (stroke, sepsis, a farewell) -> read numbers (blood sugar, temperature, blood pressure) ->
scope requests and injection attempts -> one `SafetyAssessment` with the replies.
Deterministic, no model, well under a millisecond for a typical message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careline.safety.concepts import (
    CLUSTERS,
    CONCEPTS,
    CRISIS,
    DIABETES_CONTEXT,
    HIGH_SUGAR_DANGER,
    IDIOMS,
    POISON,
    Cluster,
    Concept,
)
from careline.safety.context import Anchor, affirmed, judge, make_anchor, sentence_bounds, settled_after
from careline.safety.injection import injection_flags
from careline.safety.models import SafetyAssessment
from careline.safety.replies import REFUSAL, SCOPE_NOTES, Hotlines, emergency_reply, urgent_note
from careline.safety.scope import scope_requests
from careline.safety.text import normalize

MAX_MESSAGE_CHARS = 8000
_LEVELS = {"routine": 0, "urgent": 1, "emergency": 2}


@dataclass(frozen=True)
class Finding:
    """One reason found in the message: its level, flag name and the hotlines it calls for."""

    level: str
    name: str
    hotlines: tuple[str, ...] = ()


def assess(message: str, emergency_number: str = "911", crisis_line: str = "988",
           poison_control: str = "1-800-222-1222") -> SafetyAssessment:
    hotlines = Hotlines(emergency=emergency_number, crisis=crisis_line, poison=poison_control)
    text = normalize(message[:MAX_MESSAGE_CHARS])
    findings = find_situations(text)
    scope_kinds = scope_requests(text)
    attack_flags = injection_flags(text, message[:MAX_MESSAGE_CHARS])
    return _assessment(findings, scope_kinds, attack_flags, hotlines)


def find_situations(text: str) -> list[Finding]:
    """Emergency and urgent findings in normalised text."""
    bounds = sentence_bounds(text)
    idiom_spans = [match.span() for idiom in IDIOMS for match in idiom.finditer(text)]
    findings: list[Finding] = []
    for concept in CONCEPTS:
        finding = _concept_finding(concept, text, bounds, idiom_spans)
        if finding:
            findings.append(finding)
    findings.extend(f for cluster in CLUSTERS if (f := _cluster_finding(cluster, text, bounds, idiom_spans)))
    findings.extend(_number_findings(text, bounds, idiom_spans))
    # Too much medicine taken on purpose, or with despair in the same message, also needs the crisis line.
    if any(f.name == "poisoning" and f.level == "emergency" for f in findings) and (
            _ON_PURPOSE.search(text) or any(CRISIS in f.hotlines for f in findings)):
        findings.append(Finding("emergency", "suicidal", (CRISIS,)))
    return findings


def _concept_finding(concept: Concept, text: str, bounds: list[tuple[int, int]],
                     idiom_spans: list[tuple[int, int]]) -> Finding | None:
    if not _may_apply(concept.requires, concept.unless, text):
        return None
    best: Finding | None = None
    for pattern in concept.patterns:
        for match in pattern.finditer(text):
            if _overlaps(match.span(), idiom_spans):
                continue
            verdict = judge(concept, make_anchor(text, bounds, *match.span()), text)
            if not verdict.fires:
                continue
            level = concept.level
            if verdict.milder and level == "emergency":
                level = "urgent"
            elif level == "urgent" and concept.graver is not None and affirmed(concept.graver, text):
                level = "emergency"
            name = concept.urgent_name if level != concept.level and concept.urgent_name else concept.name
            finding = Finding(level, name, concept.hotlines)
            if best is None or _LEVELS[finding.level] > _LEVELS[best.level]:
                best = finding
            if best.level == "emergency":
                return best
    return best


def _cluster_finding(cluster: Cluster, text: str, bounds: list[tuple[int, int]],
                     idiom_spans: list[tuple[int, int]]) -> Finding | None:
    """The cluster's finding when enough of its signs are happening now."""
    if not _may_apply(cluster.requires, cluster.unless, text):
        return None
    context = cluster.context

    def happening(sign: re.Pattern[str]) -> bool:
        return any(not _overlaps(match.span(), idiom_spans)
                   and judge(context, make_anchor(text, bounds, *match.span()), text).fires
                   for match in sign.finditer(text))

    if cluster.key is not None and not happening(cluster.key):
        return None
    count = 0
    for sign in cluster.signs:
        if happening(sign):
            count += 1
            if count >= cluster.needed:
                return Finding(cluster.level, cluster.name, cluster.hotlines)
    return None


def _may_apply(requires: re.Pattern[str] | None, unless: re.Pattern[str] | None, text: str) -> bool:
    """A quick look before the anchors are judged: the setting is there and nothing rules the message out."""
    return (requires is None or requires.search(text) is not None) and (unless is None or not unless.search(text))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


_ON_PURPOSE = re.compile(r"\b(?:on purpose|intentionally|deliberately|to (?:kill|end|die|hurt)|wanted to die|"
                         r"(?:want|wanted|wish|wished|need|needed)\w* (?:it all|everything|it|this|things|all of it) "
                         r"to (?:stop|end|be over|go away)|(?:so|because|since) (?:\S+ ){0,3}?(?:it|everything|this|"
                         r"things) (?:would|will|could|can) (?:all )?(?:be over|end|stop)"
                         r"(?! (?:the|my|his|her|it|them|this))|"
                         # Asking whether the amount will do: "is 40 sleeping pills enough?".
                         r"(?:is|are|would|will) (?:\S+ ){0,4}?(?:pills|tablets|meds|capsules) (?:be )?enough|"
                         r"enough (?:\S+ )?to (?:kill|die|end it|not wake)|"
                         r"suicid\w*|no (?:point|reason)|because i am (?:done|finished)|i am done with (?:life|"
                         r"everything|it all)|to make (?:it|everything|the pain|this) (?:all )?stop|sleep forever|"
                         r"(?:not|never) wake up|(?:going to|want to|plan\w* to|about to|ready to|will|"
                         r"decided to) (?:take|swallow|down) (?:all|the whole|a whole|every))\b")

# ----- numbers -----------------------------------------------------------------------------------------------

_SUGAR = re.compile(
    r"\b(?:blood )?(?:sugar|sugars|glucose|bg|bgl|bsl)(?: levels?| reading| number)? (?:\S+ ){0,4}?"
    r"(?P<value>\d{1,3}(?:\.\d)?)(?! ?(?:%|years?|pounds|lbs|kg|minutes|mins|hours?|days?|weeks?|am|pm|units))"
)
# A reading from a meter or sensor ("meter says 42", "cgm reads 45") counts only when the message is about diabetes.
_DEVICE_SUGAR = re.compile(
    r"\b(?:meter|glucometer|monitor|cgm|dexcom|libre|sensor|finger ?stick|finger ?prick|reading)s? (?:\S+ ){0,3}?"
    r"(?P<value>\d{1,3}(?:\.\d)?)(?! ?(?:%|years?|pounds|lbs|kg|minutes|mins|hours?|days?|weeks?|am|pm|units|"
    r"steps|miles|km|feet|ft|percent|dollars|bpm))"
)
_DIABETES = re.compile(DIABETES_CONTEXT)
_HIGH_SUGAR_DANGER = re.compile(HIGH_SUGAR_DANGER)
_TEMPERATURE = re.compile(
    r"\b(?:fever|temp|temperature|temps)\w* (?:\S+ ){0,3}?(?P<value>\d{2,3}(?:\.\d)?)(?: ?(?:f|c|degrees))?\b"
)
_INFANT = re.compile(r"\b(?:(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:day|days|week|"
                     r"weeks)|(?:1|2|one|two) (?:month|months)|newborn|new born)\b(?: old)?")
_FEVER_WORD = re.compile(r"\bfever\w*\b")
_BLOOD_PRESSURE = re.compile(r"\b(?:blood pressure|bp|pressure)\w* (?:\S+ ){0,4}?(?P<top>\d{2,3}) ?(?:/|over) ?"
                             r"(?P<bottom>\d{2,3})\b")
_NUMBER_CONCEPT = Concept("numbers", "urgent", ())


def _number_findings(text: str, bounds: list[tuple[int, int]], idiom_spans: list[tuple[int, int]]) -> list[Finding]:
    findings = []
    for match in _sugar_readings(text):
        if _number_counts(text, bounds, match, idiom_spans):
            settled = settled_after(make_anchor(text, bounds, *match.span()))
            finding = _sugar_finding(float(match.group("value")), text, settled)
            if finding:
                findings.append(finding)
    infant = bool(_INFANT.search(text))
    fever_found = False
    for match in _TEMPERATURE.finditer(text):
        if _number_counts(text, bounds, match, idiom_spans):
            value = float(match.group("value"))
            fahrenheit = value if value > 45 else value * 9 / 5 + 32
            fever_found = fahrenheit >= 103 or (infant and fahrenheit >= 100.4)
    # Any fever in a baby under three months needs a clinician soon, with or without a number.
    fever_word = _FEVER_WORD.search(text)
    if not fever_found and infant and fever_word:
        fever_found = _number_counts(text, bounds, fever_word, idiom_spans)
    if fever_found:
        findings.append(Finding("urgent", "high_fever"))
    for match in _BLOOD_PRESSURE.finditer(text):
        if _number_counts(text, bounds, match, idiom_spans) and (
            int(match.group("top")) >= 180 or int(match.group("bottom")) >= 120
        ):
            findings.append(Finding("urgent", "high_blood_pressure"))
    return findings


def _sugar_readings(text: str) -> list[re.Match[str]]:
    readings = list(_SUGAR.finditer(text))
    if _DIABETES.search(text):
        spans = [reading.span() for reading in readings]
        readings += [m for m in _DEVICE_SUGAR.finditer(text) if not _overlaps(m.span(), spans)]
    return readings


def _number_counts(text: str, bounds: list[tuple[int, int]], match: re.Match[str],
                   idiom_spans: list[tuple[int, int]]) -> bool:
    if _overlaps(match.span(), idiom_spans):
        return False
    anchor: Anchor = make_anchor(text, bounds, *match.span())
    return judge(_NUMBER_CONCEPT, anchor, text).fires


def _sugar_finding(value: float, text: str, settled: bool = False) -> Finding | None:
    """A low reading that was treated and is fine now ("it was 65, I had juice and I'm fine now") needs no
    alarm; a dangerously low one that settled still needs the care team today."""
    mmol = value < 35  # mmol/L readings are small numbers; mg/dL readings are not
    low_danger, low, high = (3.0, 3.9, 16.7) if mmol else (54, 70, 300)
    if value < low_danger:
        return Finding("urgent", "low_blood_sugar") if settled else Finding("emergency", "severe_hypoglycemia")
    if value < low:
        return None if settled else Finding("urgent", "low_blood_sugar")
    if value >= high:
        if _HIGH_SUGAR_DANGER.search(text):
            return Finding("emergency", "high_blood_sugar")
        return Finding("urgent", "high_blood_sugar")
    return None


# ----- the assessment ----------------------------------------------------------------------------------------


def _assessment(findings: list[Finding], scope_kinds: list[str], attack_flags: list[str],
                hotlines: Hotlines) -> SafetyAssessment:
    level = max((f.level for f in findings), key=_LEVELS.__getitem__, default="routine")
    top = [f for f in findings if f.level == level]
    situation_flags = sorted({f"{level}:{f.name}" for f in top})
    kinds = {kind for f in top for kind in f.hotlines}
    reply = emergency_reply(hotlines, kinds, frozenset(f.name for f in top)) if level == "emergency" else None
    note = urgent_note(hotlines, kinds) if level == "urgent" else None
    numbers = _hotline_numbers(level, kinds, hotlines)
    refuse = bool(attack_flags)
    refusal = None
    if refuse:
        # An emergency inside an injection attempt is still an emergency: the refusal carries the reply first.
        refusal = f"{reply}\n\n{REFUSAL}" if reply else REFUSAL
    return SafetyAssessment(
        level=level,
        flags=tuple(situation_flags + [f"scope:{kind}" for kind in scope_kinds] + attack_flags),
        emergency_reply=reply,
        scope_notes=() if refuse else tuple(SCOPE_NOTES[kind] for kind in scope_kinds),
        refuse=refuse,
        refusal_reply=refusal,
        hotlines=numbers,
        urgent_note=note,
    )


def _hotline_numbers(level: str, kinds: set[str], hotlines: Hotlines) -> tuple[str, ...]:
    numbers = []
    if level == "emergency":
        numbers.append(hotlines.emergency)
    if CRISIS in kinds:
        numbers.append(hotlines.crisis)
    if POISON in kinds:
        numbers.append(hotlines.poison)
    return tuple(numbers)
