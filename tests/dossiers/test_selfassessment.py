from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citizenlabel.common.problems import InvalidInput
from citizenlabel.dossiers.models import Answer, DossierFile, Launch
from citizenlabel.dossiers.services.selfassessment import (
    StaleAnswer,
    attach_evidence,
    record_launch,
    save_answer,
)
from citizenlabel.referential.models import Question
from tests.factories import (
    DossierFactory,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    pdf,
    team_member,
)

pytestmark = pytest.mark.django_db


def single_question(dossier, code="1.1.1") -> Question:
    return Question.objects.get(referential=dossier.edition.referential, code=code)


def test_the_launch_opens_the_window_for_the_editions_weeks():
    dossier = DossierFactory(state="eligible")
    focal, _ = commune_people(dossier)
    today = timezone.localdate()
    record_launch(
        dossier=dossier,
        launch=Launch(official_start=today - timedelta(days=3)),
        schedule=[],
        training=[],
        by=focal,
    )
    dossier.refresh_from_db()
    assert dossier.state == "self_assessment"
    assert dossier.deadline == today + timedelta(weeks=dossier.edition.self_assessment_weeks)


def test_an_answer_is_saved_and_versioned():
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    question = single_question(dossier)
    answer = save_answer(
        dossier=dossier, question=question, options=["b"], comment=" ok ", seen_version=0, by=focal
    )
    assert (answer.options, answer.comment, answer.version) == (["b"], "ok", 1)
    answer = save_answer(
        dossier=dossier, question=question, options=["c"], comment="", seen_version=1, by=focal
    )
    assert (answer.options, answer.version) == (["c"], 2)
    assert answer.history.count() == 2


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten():
    dossier = dossier_in_self_assessment()
    focal, president = commune_people(dossier)
    question = single_question(dossier)
    save_answer(
        dossier=dossier, question=question, options=["b"], comment="", seen_version=0, by=focal
    )
    with pytest.raises(StaleAnswer) as conflict:
        save_answer(
            dossier=dossier,
            question=question,
            options=["d"],
            comment="",
            seen_version=0,
            by=president,
        )
    assert conflict.value.current.options == ["b"]
    assert Answer.objects.get().options == ["b"]


@pytest.mark.parametrize("options", [["zz"], ["a", "b"]])
def test_an_option_that_is_not_the_questions_is_refused(options):
    dossier = dossier_in_self_assessment()
    with pytest.raises(InvalidInput):
        save_answer(
            dossier=dossier,
            question=single_question(dossier),
            options=options,
            comment="",
            seen_version=0,
            by=commune_people(dossier)[0],
        )
    assert Answer.objects.count() == 0


def test_a_question_of_another_referential_is_refused():
    dossier = dossier_in_self_assessment()
    from citizenlabel.referential.parsing import parse_referential_yaml
    from citizenlabel.referential.services import load_referential
    from tests.referential.samples import SCORING_YAML

    foreign = load_referential(spec=parse_referential_yaml(SCORING_YAML)).questions.first()
    with pytest.raises(PermissionDenied):
        save_answer(
            dossier=dossier,
            question=foreign,
            options=["a"],
            comment="",
            seen_version=0,
            by=commune_people(dossier)[0],
        )


@pytest.mark.parametrize("state", ["submitted", "awaiting_approval", "eligible"])
def test_answers_are_refused_outside_the_self_assessment(state):
    dossier = dossier_in_self_assessment()
    dossier.state = state
    dossier.save()
    with pytest.raises(PermissionDenied):
        save_answer(
            dossier=dossier,
            question=single_question(dossier),
            options=["a"],
            comment="",
            seen_version=0,
            by=commune_people(dossier)[0],
        )
    assert Answer.objects.count() == 0


def test_answers_are_refused_after_the_deadline():
    dossier = dossier_in_self_assessment(deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(PermissionDenied):
        save_answer(
            dossier=dossier,
            question=single_question(dossier),
            options=["a"],
            comment="",
            seen_version=0,
            by=commune_people(dossier)[0],
        )


def test_the_team_and_the_coordination_cannot_answer_for_the_commune():
    dossier = dossier_in_self_assessment()
    for user in (team_member(dossier), coordination_member()):
        with pytest.raises(PermissionDenied):
            save_answer(
                dossier=dossier,
                question=single_question(dossier),
                options=["a"],
                comment="",
                seen_version=0,
                by=user,
            )


@pytest.mark.parametrize(
    ("name", "content"),
    [("evil.pdf", b"<script>alert(1)</script>"), ("a.exe", b"MZ\x90\x00"), ("x.txt", b"hello")],
)
def test_evidence_is_checked_by_its_content(name, content):
    dossier = dossier_in_self_assessment()
    upload = SimpleUploadedFile(name, content, "application/pdf")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        attach_evidence(
            dossier=dossier,
            question=single_question(dossier),
            upload=upload,
            by=commune_people(dossier)[0],
        )
    assert DossierFile.objects.count() == 0


def test_evidence_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_MB = 0
    dossier = dossier_in_self_assessment()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="MB"):
        attach_evidence(
            dossier=dossier,
            question=single_question(dossier),
            upload=pdf(),
            by=commune_people(dossier)[0],
        )


def test_evidence_is_stored_under_a_random_name_with_its_sha256():
    dossier = dossier_in_self_assessment()
    stored = attach_evidence(
        dossier=dossier,
        question=single_question(dossier),
        upload=pdf("محضر.pdf"),
        by=commune_people(dossier)[0],
    )
    assert stored.original_name == "محضر.pdf"
    assert "محضر" not in stored.file.name and len(stored.file.name.rsplit("/", 1)[1]) == 32
    assert stored.content_type == "application/pdf" and len(stored.sha256) == 64


def test_files_are_downloaded_only_by_those_who_may_see_the_dossier(client):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    stored = attach_evidence(
        dossier=dossier, question=single_question(dossier), upload=pdf("محضر.pdf"), by=focal
    )
    url = reverse("dossiers:file", args=[stored.pk])
    for outsider in (
        commune_people(DossierFactory())[1],
        team_member(dossier_in_self_assessment()),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (focal, team_member(dossier), coordination_member()):
        client.force_login(insider)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]


def test_autosave_returns_the_saved_card_and_a_conflict_shows_both_values(client):
    dossier = dossier_in_self_assessment()
    focal, president = commune_people(dossier)
    question = single_question(dossier)
    url = reverse("dossiers:answer", args=[dossier.pk, question.pk])
    client.force_login(focal)
    response = client.post(
        url, {"options": "b", "version": "0", "comment": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.context["row"].answer.options == ["b"]
    client.force_login(president)
    response = client.post(
        url, {"options": "d", "version": "0", "comment": "رأيي"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert (response.context["conflict"].options, response.context["mine"].options) == (
        ["b"],
        ["d"],
    )
    assert Answer.objects.get().options == ["b"]


def test_a_forged_answer_for_another_commune_is_404(client):
    dossier = dossier_in_self_assessment()
    client.force_login(commune_people(dossier_in_self_assessment())[0])
    question = single_question(dossier)
    response = client.post(
        reverse("dossiers:answer", args=[dossier.pk, question.pk]), {"options": "a", "version": "0"}
    )
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_the_questionnaire_costs_the_same_queries_whatever_the_answers(
    client, django_assert_max_num_queries
):
    dossier = dossier_in_self_assessment()
    focal, _ = commune_people(dossier)
    client.force_login(focal)
    url = reverse("dossiers:questionnaire", args=[dossier.pk, "F1"])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for question in Question.objects.filter(referential=dossier.edition.referential):
        option = question.options.exclude(not_applicable=True).last()
        save_answer(
            dossier=dossier,
            question=question,
            options=[option.code],
            comment="",
            seen_version=0,
            by=focal,
        )
        attach_evidence(dossier=dossier, question=question, upload=pdf(), by=focal)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["score"].overall > 0
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("dossiers:questionnaire", args=[dossier.pk, "F3"]))
