"""The submission receipt and self-assessment report of a dossier."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citizenlabel.common.charts import RadarSeries, radar_chart
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Answer, Dossier, DossierFile
from citizenlabel.dossiers.selectors import declared_score
from citizenlabel.referential.selectors import referential_spec

from .pdf import render_pdf


def _answers_by_question(dossier: Dossier) -> tuple[dict, dict]:
    answers = {
        a.question.code: a
        for a in Answer.objects.filter(dossier=dossier).select_related("question")
    }
    files: dict[str, list[DossierFile]] = {}
    for stored in DossierFile.objects.filter(
        dossier=dossier, purpose=DossierFile.Purpose.EVIDENCE
    ).select_related("question"):
        files.setdefault(stored.question.code, []).append(stored)
    return answers, files


def report_context(dossier: Dossier, language: str) -> dict:
    spec = referential_spec(dossier.edition.referential)
    submission = dossier.submissions.select_related("submitted_by").first()
    result = declared_score(dossier, spec)
    answers, files = _answers_by_question(dossier)
    sections = []
    for field in spec.fields:
        rows = []
        for question in field.all_questions():
            answer = answers.get(question.code)
            chosen = set(answer.options) if answer else set()
            rows.append(
                {
                    "question": question,
                    "chosen": [o for o in question.options if o.code in chosen],
                    "comment": answer.comment if answer else "",
                    "files": files.get(question.code, []),
                    "score": result.questions[question.code],
                }
            )
        sections.append({"field": field, "rows": rows, "percent": result.by_field.get(field.code)})
    titles = [translated(p.title, language) for p in spec.principles]
    values = [
        float(result.by_principle[p.code]) if p.code in result.by_principle else None
        for p in spec.principles
    ]
    return {
        "dossier": dossier,
        "spec": spec,
        "result": result,
        "submission": submission,
        "sections": sections,
        "generated_at": timezone.now(),
        "principle_rows": [(p.title, result.by_principle.get(p.code)) for p in spec.principles],
        "radar": radar_chart(
            titles,
            [RadarSeries(_("Declared score"), values)],
            title=_("Declared score by principle"),
            rtl=language == "ar",
        ),
    }


def self_assessment_pdf(dossier: Dossier, language: str) -> bytes:
    with translation.override(language):
        context = report_context(dossier, language)
    return render_pdf("reports/self_assessment.html", context, language=language)
