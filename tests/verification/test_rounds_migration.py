"""verification 0003 / actionplans 0003: the re-verifications move into VerifiedAnswer as its
re-verification round. Built on the demo, taken back to the old models (where the demo's
re-verifications live in actionplans.ReverifiedAnswer again) with one more row written through
the old models, then migrated forward: every row and version comes back whole, and the demo's
final and updated scores recomputed from the merged model equal their stored snapshots."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from citizenlabel.actionplans.services.updated_score import updated_score_of
from citizenlabel.demo.setup import create_demo_data
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.territory.models import Province, Region
from citizenlabel.territory.services import load_regions_and_provinces
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from citizenlabel.verification.selectors import score_of, verified_answers

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("verification", "0002_could_not_be_verified"),
    ("actionplans", "0002_reverification_could_not_be_verified"),
]
FIELDS = ["dossier_id", "question_id", "evidence_status", "options", "reason", "version"]
FIELDS += ["verified_by_id", "verified_at"]
HISTORY = [*FIELDS, "history_type", "history_date", "history_user_id"]


def migrate(targets=None):
    """Migrate to `targets` (None: the latest migrations); the models of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def rows(model, fields=FIELDS, **where) -> list[tuple]:
    return sorted(tuple(row) for row in model.objects.filter(**where).values_list(*fields))


def money(value: Fraction) -> Decimal:
    return round(Decimal(value.numerator) / Decimal(value.denominator), 2)


@pytest.fixture
def demo():
    # A transactional test run before this one (a browser test) may have flushed the regions
    # and provinces that a data migration loads: the demo's communes need them.
    load_regions_and_provinces(Region, Province)
    create_demo_data()
    yield
    migrate()  # whatever happened, the next test finds the latest schema


def test_the_demos_reverifications_become_a_round_and_its_scores_stay(demo):
    visit = rows(VerifiedAnswer, round="visit")
    again = rows(VerifiedAnswer, round="reverification")
    history = VerifiedAnswer.history.model
    again_history = rows(history, HISTORY, round="reverification")
    assert again and again_history  # the demo re-verifies one plan's answers

    old = migrate(BEFORE)
    reverified = old.get_model("actionplans", "ReverifiedAnswer")
    assert rows(reverified) == again
    assert rows(old.get_model("actionplans", "HistoricalReverifiedAnswer"), HISTORY) == (
        again_history
    )
    assert rows(old.get_model("verification", "VerifiedAnswer")) == visit
    # one more, written as the old code wrote it: could not be re-verified, with its reason
    first = reverified.objects.order_by("pk").first()
    taken = set(reverified.objects.values_list("question_id", flat=True))
    other = next(q for d, q, *_ in visit if d == first.dossier_id and q not in taken)
    extra = reverified.objects.create(
        **{f: getattr(first, f) for f in FIELDS if f != "question_id"},
        question_id=other,
    )
    extra.evidence_status, extra.options, extra.reason = "unverifiable", [], "المكتب مغلق"
    extra.save()

    migrate()
    assert rows(VerifiedAnswer, round="visit") == visit
    merged = rows(VerifiedAnswer, round="reverification")
    assert len(merged) == len(again) + 1
    added = VerifiedAnswer.objects.get(round="reverification", question_id=other)
    assert (added.evidence_status, added.options, added.reason) == (
        "unverifiable",
        [],
        "المكتب مغلق",
    )
    assert [row for row in merged if row[1] != other] == again
    assert rows(history, HISTORY, round="reverification") == again_history
    attached = set(history.objects.filter(round="reverification").values_list("id", flat=True))
    assert attached == set(
        VerifiedAnswer.objects.filter(round="reverification")
        .exclude(question_id=other)
        .values_list("pk", flat=True)
    )  # the added row was written without history, as a plain save

    updated = ScoreSnapshot.objects.filter(kind="updated").select_related("dossier__edition")
    assert updated.exists()
    for snapshot in updated:
        dossier = snapshot.dossier
        final = ScoreSnapshot.objects.get(dossier=dossier, kind="final")
        spec = referential_spec(dossier.edition.referential)
        assert verified_answers(dossier) == final.answers
        assert money(score_of(spec, verified_answers(dossier)).overall) == final.questionnaire
        score = updated_score_of(dossier, final, dossier.action_plan.evaluation.achievement_rate)
        assert score.answers == snapshot.answers
        assert money(score.result.overall) == snapshot.questionnaire
        assert money(score.overall) == snapshot.overall
