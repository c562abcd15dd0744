"""The coordination's review pages: the inbox (with the team's assignment), the study and
the provisional score, for every role."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Question
from citizenlabel.verification.models import AnswerReview, ScoreSnapshot
from tests.factories import (
    CONFIRMED,
    TechnicalTeamFactory,
    commune_people,
    coordination_member,
    default_referential,
    dossier_in_self_assessment,
    evidence_file,
    question,
    submitted_dossier,
    team_member,
    user_with_role,
)
from tests.factories.verification import flag_answer

pytestmark = pytest.mark.django_db


def first_answers(count: int) -> dict[str, list[str]]:
    """The first option of the referential's first `count` questions that have one."""
    answers = {}
    questions = Question.objects.prefetch_related("options").order_by("position")
    for candidate in questions.filter(referential__code="LCC"):
        option = next((o for o in candidate.options.all() if not o.not_applicable), None)
        if option is not None and len(answers) < count:
            answers[candidate.code] = [option.code]
    return answers


# --- the inbox -----------------------------------------------------------------------------


def test_outsiders_get_404_on_the_inbox(client):
    dossier = submitted_dossier()
    focal, _president = commune_people(dossier)
    for user in (team_member(dossier), focal, user_with_role(Role.ACCREDITATION)):
        client.force_login(user)
        assert client.get(reverse("verification:inbox")).status_code == 404
        response = client.post(reverse("verification:assign_team", args=[dossier.pk]))
        assert response.status_code == 404


def test_the_inbox_lists_dossiers_from_submission_on_with_their_scores(client, coordination):
    submitted = submitted_dossier()
    scored = submitted_dossier({"1.1.1": ["d"]})
    flag_answer(scored, "1.1.1", coordination)
    from citizenlabel.verification.services.scores import record_provisional_score

    record_provisional_score(dossier=scored, by=coordination)
    dossier_in_self_assessment()  # not submitted: not listed
    client.force_login(coordination)
    page = client.get(reverse("verification:inbox"))
    rows = {d.pk: d for d in page.context["page"]}
    assert set(rows) == {submitted.pk, scored.pk}
    assert rows[submitted.pk].declared_score == Decimal("4.27")  # 100 × (6 + 3) / 211
    assert rows[scored.pk].provisional_score == Decimal("0.00")
    assert rows[submitted.pk].provisional_score is None
    assert rows[submitted.pk].submitted_at is not None


def test_the_inbox_filters_by_region_province_team_and_state(client, coordination):
    north, south = submitted_dossier(), submitted_dossier({"1.1.1": ["a"]})
    south.technical_team = None
    south.save()
    client.force_login(coordination)
    url = reverse("verification:inbox")

    def listed(**params):
        return [d.pk for d in client.get(url, params).context["page"]]

    region = north.commune.province.region_id
    assert listed(region=region) == [north.pk]
    assert listed(province=south.commune.province_id) == [south.pk]
    assert listed(team=north.technical_team_id) == [north.pk]
    assert listed(team="none") == [south.pk]
    assert listed(state="verification") == []
    assert sorted(listed(state="submitted")) == sorted([north.pk, south.pk])
    assert sorted(listed(region="not-a-number")) == sorted([north.pk, south.pk])


def test_the_inbox_sorts_by_declared_score_or_submission_date(client, coordination):
    low = submitted_dossier({"1.1.1": ["a"]})
    high = submitted_dossier({"1.1.1": ["d"]})
    client.force_login(coordination)
    url = reverse("verification:inbox")
    assert [d.pk for d in client.get(url, {"sort": "-declared"}).context["page"]] == [
        high.pk,
        low.pk,
    ]
    assert [d.pk for d in client.get(url, {"sort": "declared"}).context["page"]] == [
        low.pk,
        high.pk,
    ]
    assert [d.pk for d in client.get(url, {"sort": "-submitted"}).context["page"]] == [
        high.pk,
        low.pk,
    ]
    assert [d.pk for d in client.get(url).context["page"]] == [low.pk, high.pk]


def test_the_inbox_costs_the_same_with_one_and_ten_dossiers(
    client, coordination, django_assert_max_num_queries
):
    client.force_login(coordination)
    url = reverse("verification:inbox")
    submitted_dossier()
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200
    for _n in range(9):
        submitted_dossier()
    with django_assert_max_num_queries(11):
        page = client.get(url)
    assert len(page.context["page"]) == 10


def test_a_row_assigns_the_dossier_to_a_team_and_returns_to_the_same_filters(client, coordination):
    dossier = submitted_dossier()
    team = TechnicalTeamFactory()
    client.force_login(coordination)
    back = reverse("verification:inbox") + "?state=submitted"
    response = client.post(
        reverse("verification:assign_team", args=[dossier.pk]), {"team": team.pk, "next": back}
    )
    assert response.url == back
    dossier.refresh_from_db()
    assert dossier.technical_team == team


@pytest.mark.parametrize("value", ["9999", "", "x"])
def test_a_forged_team_is_refused_with_a_message(client, coordination, value):
    dossier = submitted_dossier()
    before = dossier.technical_team_id
    client.force_login(coordination)
    response = client.post(
        reverse("verification:assign_team", args=[dossier.pk]),
        {"team": value, "next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("verification:inbox")
    assert [str(m) for m in response.context["messages"]] == [
        _("Choose an existing technical team.")
    ]
    dossier.refresh_from_db()
    assert dossier.technical_team_id == before


def test_an_administrator_reads_the_inbox_without_the_assign_forms(client):
    submitted_dossier()
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    page = client.get(reverse("verification:inbox"))
    assert page.status_code == 200
    assert page.context["can_assign"] is False
    assert 'class="assign-form"' not in page.content.decode()


# --- the study screen ----------------------------------------------------------------------


def study_url(dossier) -> str:
    return reverse("verification:study", args=[dossier.pk])


def review_url(dossier, code) -> str:
    return reverse("verification:review_answer", args=[dossier.pk, question(dossier, code).pk])


def test_outsiders_get_404_on_the_study(client):
    dossier = submitted_dossier()
    focal, president = commune_people(dossier)
    other_team = team_member(dossier_in_self_assessment())
    for user in (other_team, focal, president, user_with_role(Role.ACCREDITATION)):
        client.force_login(user)
        assert client.get(study_url(dossier)).status_code == 404
        assert client.post(review_url(dossier, "1.1.1"), {"remark": "x"}).status_code == 404
        record = reverse("verification:record_provisional", args=[dossier.pk])
        assert client.post(record).status_code == 404
    assert (AnswerReview.objects.count(), ScoreSnapshot.objects.count()) == (0, 0)


def test_the_study_shows_each_answer_with_its_points_comment_and_evidence(client, coordination):
    dossier = submitted_dossier(comment="محضر الدورة")
    stored = evidence_file(dossier, "1.1.1")
    client.force_login(coordination)
    page = client.get(study_url(dossier))
    rows = {
        row.question.code: row
        for field in page.context["fields"]
        for _topic, group in field.groups
        for row in group
    }
    assert len(rows) == Question.objects.filter(referential=dossier.edition.referential).count()
    first = rows["1.1.1"]
    assert ([o.code for o in first.chosen], first.score.points, first.score.maximum) == (
        ["d"],
        6,
        6,
    )
    assert (first.answer.comment, first.files) == ("محضر الدورة", [stored])
    html = page.content.decode()
    assert reverse("dossiers:file", args=[stored.pk]) in html
    assert page.context["can_review"] and page.context["can_record"]
    assert html.count('class="review-form"') == len(rows)


def test_the_dossiers_team_reads_the_study_without_forms(client, coordination):
    dossier = submitted_dossier()
    flag_answer(dossier, "1.1.1", coordination)
    client.force_login(team_member(dossier))
    page = client.get(study_url(dossier))
    html = page.content.decode()
    assert (page.status_code, page.context["can_review"]) == (200, False)
    assert 'class="review-form"' not in html
    assert "لا يوجد محضر" in html
    response = client.post(review_url(dossier, "1.1.2"), {"remark": "x"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert AnswerReview.objects.count() == 1


def test_flagging_an_answer_redraws_its_card_and_the_summary(client, coordination):
    dossier = submitted_dossier()
    client.force_login(coordination)
    response = client.post(
        review_url(dossier, "1.1.1"),
        {"unsupported": "on", "reason": "المحضر غير موقع", "remark": "", "seen": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.flagged, float(summary.provisional.points)) == (1, 3.0)
    html = response.content.decode()
    assert 'hx-swap-oob="innerHTML:#study-summary"' in html
    assert "tag--flagged" in html
    assert AnswerReview.objects.get().reason == "المحضر غير موقع"


def test_a_flag_without_a_reason_is_refused_on_the_card(client, coordination):
    dossier = submitted_dossier()
    client.force_login(coordination)
    response = client.post(
        review_url(dossier, "1.1.1"), {"unsupported": "on", "reason": " "}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert response.context["errors"] == [_("Give the reason why the answer is not supported.")]
    assert 'role="alert"' in response.content.decode()
    assert AnswerReview.objects.count() == 0


def test_a_stale_review_is_shown_as_a_conflict(client, coordination):
    dossier = submitted_dossier()
    flag_answer(dossier, "1.1.1", coordination_member(), reason="theirs")
    client.force_login(coordination)
    response = client.post(
        review_url(dossier, "1.1.1"),
        {"unsupported": "on", "reason": "mine", "seen": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert response.context["conflict"].reason == "theirs"
    assert AnswerReview.objects.get().reason == "theirs"


def test_without_javascript_a_review_returns_to_the_answer(client, coordination):
    dossier = submitted_dossier()
    client.force_login(coordination)
    response = client.post(review_url(dossier, "1.1.1"), {"remark": "اطلب الأصل", "seen": ""})
    assert response.url == study_url(dossier) + f"#r-{question(dossier, '1.1.1').pk}"
    assert AnswerReview.objects.get().remark == "اطلب الأصل"


def test_the_study_costs_the_same_with_one_and_ten_answers_flagged(
    client, coordination, django_assert_max_num_queries
):
    client.force_login(coordination)
    default_referential()  # first_answers reads its questions
    small = submitted_dossier(first_answers(1))
    for code in first_answers(1):
        evidence_file(small, code)
        flag_answer(small, code, coordination)
    with django_assert_max_num_queries(22):
        assert client.get(study_url(small)).status_code == 200
    large = submitted_dossier(first_answers(10))
    for code in first_answers(10):
        evidence_file(large, code)
        evidence_file(large, code, name="صورة.pdf")
        flag_answer(large, code, coordination)
    with django_assert_max_num_queries(22):
        page = client.get(study_url(large))
    assert page.context["summary"].flagged == 10


def test_recording_the_provisional_score_stores_it_and_closes_the_study(client, coordination):
    dossier = submitted_dossier()
    flag_answer(dossier, "1.1.1", coordination)
    client.force_login(coordination)
    response = client.post(
        reverse("verification:record_provisional", args=[dossier.pk]), CONFIRMED, follow=True
    )
    snapshot = ScoreSnapshot.objects.get(dossier=dossier, kind="provisional")
    assert (snapshot.points, snapshot.answers) == (Decimal(3), {"1.1.2": ["b", "g"]})
    dossier.refresh_from_db()
    assert dossier.state == "provisionally_scored"
    assert response.context["summary"].snapshot == snapshot
    assert (response.context["can_review"], response.context["can_record"]) == (False, False)
    again = client.post(
        reverse("verification:record_provisional", args=[dossier.pk]), CONFIRMED, follow=True
    )
    assert [m.level_tag for m in again.context["messages"]] == ["error"]
    assert ScoreSnapshot.objects.filter(dossier=dossier).count() == 1


def test_the_team_cannot_record_the_provisional_score(client):
    dossier = submitted_dossier()
    client.force_login(team_member(dossier))
    response = client.post(
        reverse("verification:record_provisional", args=[dossier.pk]), CONFIRMED, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert ScoreSnapshot.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
