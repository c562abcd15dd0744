from collections import Counter

import pytest

from citizenlabel.demo.base import DEFAULT_REFERENTIAL_FILE
from citizenlabel.referential.parsing import read_referential
from citizenlabel.referential.scoring import score_answers


@pytest.fixture(scope="module")
def spec():
    return read_referential(DEFAULT_REFERENTIAL_FILE)


def test_it_is_lcc_2022_with_the_five_fields_and_seven_principles(spec):
    assert (spec.code, spec.version) == ("LCC", "2022")
    assert [f.code for f in spec.fields] == ["F1", "F2", "F3", "F4", "F5"]
    assert [p.code for p in spec.principles] == [
        "PART",
        "EQUAL",
        "COOP",
        "EFFIC",
        "TRANSP",
        "SUST",
        "INNOV",
    ]
    assert all(p.anchors for p in spec.principles)


def test_it_has_at_least_60_questions_each_serving_every_principle(spec):
    questions = [q for _field, q in spec.questions()]
    assert len(questions) >= 60
    per_principle = Counter(q.principle for q in questions)
    assert min(per_principle[p.code] for p in spec.principles) >= 4


def test_every_question_is_bilingual_with_its_basis_and_sources(spec):
    for _field, q in spec.questions():
        assert q.text.get("ar") and q.text.get("fr"), q.code
        assert q.legal_basis, q.code
        assert q.evidence and all(e.get("ar") and e.get("fr") for e in q.evidence), q.code
        assert all(o.text.get("ar") and o.text.get("fr") for o in q.options), q.code


def test_options_go_from_weakest_to_strongest(spec):
    for _field, q in spec.questions():
        points = [o.points for o in q.options if not o.not_applicable]
        if q.kind == "single":
            assert points == sorted(points) and points[0] == 0, q.code


def test_it_keeps_the_seed_questionnaire_fragment(spec):
    texts = " ".join(q.text["ar"] for _field, q in spec.questions())
    assert "برنامج عمل الجماعة" in texts
    assert "النساء" in texts or "المرأة" in texts


def test_the_strongest_answers_score_100_and_none_score_0(spec):
    best = {}
    for _field, q in spec.questions():
        scored = [o for o in q.options if not (o.not_applicable or o.exclusive)]
        best[q.code] = (
            max(scored, key=lambda o: o.points).code
            if q.kind == "single"
            else [o.code for o in scored]
        )
    assert score_answers(spec, best).overall == 100
    assert score_answers(spec, {}).overall == 0


def test_the_none_options_of_multiple_questions_are_exclusive(spec):
    multiple = [q for _field, q in spec.questions() if q.kind == "multiple"]
    exclusive = {q.code: [o.code for o in q.options if o.exclusive] for q in multiple}
    assert exclusive == {
        "1.1.2": ["a"],  # no woman holds a post
        "1.2.4": ["a"],  # the public is not informed
        "2.2.4": ["a"],  # not published
        "2.5.3": ["a"],
        "3.2.3": ["a"],
        "3.3.3": ["a"],
        "4.2.1": ["a"],
        "4.4.2": ["a"],
    }
    # Every one of them is a "none" that gives nothing, and only multiple questions have one.
    assert all(o.points == 0 for q in multiple for o in q.options if o.exclusive)
    assert not [
        q.code
        for _f, q in spec.questions()
        if q.kind == "single" and any(o.exclusive for o in q.options)
    ]
