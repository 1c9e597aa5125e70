"""Content governance: the library's rules are enforced and reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from careline.content.governance import SECTION_HEADINGS, build_report, check_articles
from careline.settings import BUNDLED_KNOWLEDGE_DIR

GOOD = (BUNDLED_KNOWLEDGE_DIR / "gout.md").read_text(encoding="utf-8")


def problems_for(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return check_articles([path], today=date(2026, 11, 20))[0].problems


def test_the_bundled_library_meets_the_coverage_bar() -> None:
    report = build_report([BUNDLED_KNOWLEDGE_DIR], today=date(2026, 11, 20))
    assert report["total"] >= 120
    by_type = report["by_type"]
    assert by_type["condition"] >= 45 and by_type["medication"] >= 45
    assert by_type["wellness"] >= 15 and by_type["emergency"] >= 15
    assert report["median_grade"] <= 8
    assert all(not a["problems"] for a in report["articles"]), [a for a in report["articles"] if a["problems"]]


def test_a_good_article_has_no_problems(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "gout", GOOD) == []


def test_broken_articles_name_the_problem(tmp_path: Path) -> None:
    no_sources = GOOD.replace("sources:", "old_sources:")
    assert "missing front matter field 'sources'" in problems_for(tmp_path, "gout", no_sources)
    assert any("does not match the file name" in p for p in problems_for(tmp_path, "other-name", GOOD))
    bad_url = GOOD.replace("https://medlineplus.gov/gout.html", "medlineplus gout page")
    assert any("not a well-formed https URL" in p for p in problems_for(tmp_path, "gout", bad_url))
    odd_heading = GOOD.replace("## Symptoms", "## Sign stuff")
    assert any("unknown section heading" in p for p in problems_for(tmp_path, "gout", odd_heading))
    no_help = GOOD.replace("## When to get help", "## Prevention\n")
    assert "missing the '## When to get help' section" in problems_for(tmp_path, "gout", no_help)
    bad_dates = GOOD.replace("next_review: 2027-11-15", "next_review: 2026-01-01")
    assert "next_review must be after review_date" in problems_for(tmp_path, "gout", bad_dates)
    assert problems_for(tmp_path, "gout", "no front matter") == [
        "no YAML front matter (the file must start with a '---' block)"]


def test_medication_articles_need_sourced_structured_data(tmp_path: Path) -> None:
    metformin = (BUNDLED_KNOWLEDGE_DIR / "metformin.md").read_text(encoding="utf-8")
    assert problems_for(tmp_path, "metformin", metformin) == []
    unsourced = metformin.replace("interactions:", "interactions:\n  - with: something\n    why: no source given", 1)
    assert any("needs 'with', 'why' and 'source'" in p for p in problems_for(tmp_path, "metformin", unsourced))


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "gout.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "gout.md").write_text(GOOD, encoding="utf-8")
    checks = check_articles([tmp_path / "a", tmp_path / "b"], today=date(2026, 11, 20))
    assert any("duplicate id 'gout'" in p for p in checks[1].problems)


def test_report_flags_due_and_overdue_reviews() -> None:
    report = build_report([BUNDLED_KNOWLEDGE_DIR / "gout.md"], today=date(2027, 11, 1))
    assert report["articles"][0]["review_status"] == "due_soon"
    late = build_report([BUNDLED_KNOWLEDGE_DIR / "gout.md"], today=date(2028, 1, 1))
    assert late["articles"][0]["review_status"] == "overdue"
    assert SECTION_HEADINGS[0] == "Overview"
