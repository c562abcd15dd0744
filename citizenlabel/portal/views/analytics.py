"""The analytics page for two audiences: the public (aggregate, verified scores only) and
the national committees (adds the weakest questions and the declared-versus-verified gap)."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.charts import BarRow, bar_chart
from citizenlabel.common.texts import translated

from .. import analytics as calc
from .. import selectors_analytics as read
from ..rules import can_see_national_analytics

STAGES = {
    "targets": _("Target communes"),
    "candidacies": _("Candidacies"),
    "eligible": _("Eligible"),
    "submitted": _("Submitted"),
    "verified": _("Verified (final score)"),
    "labelled": _("Labelled"),
    "action_plan": _("Action plan"),
    "withdrawn": _("Withdrawn"),
}
PEERS = {
    "region": _("Same region"),
    "kind": _("Same urban or rural kind"),
    "population": _("Same population band"),
}
BANDS = {
    "under_10k": _("under 10,000 inhabitants"),
    "10k_50k": _("10,000 to 50,000 inhabitants"),
    "50k_200k": _("50,000 to 200,000 inhabitants"),
    "over_200k": _("over 200,000 inhabitants"),
}


class AnalyticsFilter(forms.Form):
    edition = forms.ChoiceField(label=_("Edition"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    commune = forms.ChoiceField(label=_("Commune to compare with its peers"), required=False)

    def __init__(self, data, *, editions, regions, communes):
        super().__init__(data)
        self.fields["edition"].choices = [(str(e.pk), translated(e.name)) for e in editions]
        self.fields["region"].choices = [("", _("All regions"))] + [
            (code, translated(region.name)) for code, region in regions.items()
        ]
        self.fields["commune"].choices = [("", _("Choose a commune"))] + sorted(
            ((code, translated(name)) for code, name in communes.items()), key=lambda c: c[1]
        )


def public_analytics(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/analytics/page.html", dashboard(request, national=False))


def national_analytics(request: HttpRequest) -> HttpResponse:
    if not can_see_national_analytics(request.user):
        raise Http404
    return render(request, "portal/analytics/page.html", dashboard(request, national=True))


def dashboard(request: HttpRequest, *, national: bool) -> dict:
    editions, regions = read.editions_newest_first(), read.regions_by_code()
    published = read.published_scores()
    edition = _chosen_edition(request, editions)
    communes = {
        r.commune: published.communes[r.commune]
        for r in published.rows
        if edition and r.edition == edition.pk
    }
    form = AnalyticsFilter(request.GET, editions=editions, regions=regions, communes=communes)
    valid = form.is_valid()
    region = form.cleaned_data.get("region") if valid else ""
    context = {"national": national, "form": form, "edition": edition, "editions": editions}
    context["region"] = regions.get(region)
    if edition is None:
        return context
    principles = read.principle_titles(editions)
    language, rtl = get_language(), get_language_bidi()
    page = Page(edition, region, regions, principles, language=language, rtl=rtl)
    context.update(page.funnel(read.target_counts(edition), read.state_counts(edition)))
    context.update(page.scores(published.rows, read.field_titles([edition])))
    context.update(page.trends(published.rows, editions))
    commune = form.cleaned_data.get("commune") if valid else ""
    context.update(page.benchmark(published.rows, commune, published.communes))
    if national:
        scope = [r.dossier for r in page.scope(published.rows)]
        context.update(page.gaps(published.rows, read.declared_by_principle(scope)))
        snapshots = [published.snapshots[dossier] for dossier in scope]
        context.update(page.weakest(*read.question_points(snapshots)))
    return context


def _chosen_edition(request: HttpRequest, editions: list):
    """The edition asked for, else the latest (a wrong value is reported by the form)."""
    asked = request.GET.get("edition", "")
    return next((e for e in editions if str(e.pk) == asked), editions[0] if editions else None)


class Page:
    """Turns the selectors' rows into the tables and charts of the page."""

    def __init__(self, edition, region, regions, principles, *, language, rtl):
        self.edition, self.region, self.regions = edition, region, regions
        self.principles, self.language, self.rtl = principles, language, rtl

    def name(self, texts) -> str:
        return translated(texts, self.language)

    def region_name(self, code: str) -> str:
        return self.name(self.regions[code].name) if code in self.regions else code

    def scope(self, rows: list[calc.ScoreRow], *, edition: bool = True) -> list[calc.ScoreRow]:
        """The rows of the chosen edition (unless told otherwise) and region."""
        return [
            r
            for r in rows
            if (not edition or r.edition == self.edition.pk)
            and (not self.region or r.region == self.region)
        ]

    def chart(self, rows, *, title, **options):
        return bar_chart(rows, title=str(title), rtl=self.rtl, **options)

    def funnel(self, targets: dict[str, int], counts: list[calc.StateCount]) -> dict:
        by_region = calc.funnel_by_region(targets, counts)
        if self.region:
            overall = by_region.get(self.region) or calc.funnel(0, [])
        else:
            overall = calc.funnel(sum(targets.values()), counts)
        stages = [(key, STAGES[key], count) for key, count in overall.items()]
        chart = self.chart(
            [BarRow(str(label), [count]) for _key, label, count in stages],
            title=_("The edition's funnel"),
            maximum=max([*overall.values(), 1]),
            unit="",
        )
        regions = [(self.region_name(code), list(f.values())) for code, f in by_region.items()]
        return {"stages": stages, "funnel_chart": chart, "funnel_regions": regions}

    def _averages(self, rows, codes, titles, by: str, title) -> dict:
        overall = calc.averages([getattr(r, by) for r in rows], codes)
        local = calc.averages([getattr(r, by) for r in rows if r.region == self.region], codes)
        names = [_("National average")] + ([self.region_name(self.region)] if self.region else [])
        table = [
            (self.name(titles.get(code)) or code, overall[code], local[code]) for code in codes
        ]
        chart = self.chart(
            [BarRow(t, [n, r] if self.region else [n]) for t, n, r in table],
            title=title,
            series_names=[str(n) for n in names] if self.region else (),
        )
        by_region = calc.averages_by_region(rows, codes, by=by)
        regions = [(self.region_name(c), list(v.values())) for c, v in by_region.items()]
        return {"table": table, "chart": chart, "regions": regions}

    def scores(self, rows: list[calc.ScoreRow], fields: dict) -> dict:
        edition_rows = [r for r in rows if r.edition == self.edition.pk]
        principle_codes, field_codes = list(self.principles), list(fields)
        by_principle = self._averages(
            edition_rows,
            principle_codes,
            self.principles,
            "by_principle",
            _("Average verified score by principle"),
        )
        by_field = self._averages(
            edition_rows, field_codes, fields, "by_field", _("Average verified score by field")
        )
        counts = calc.distribution(r.overall for r in self.scope(rows))
        bands = [(f"{10 * i}–{10 * i + 10}", count) for i, count in enumerate(counts)]
        chart = self.chart(
            [BarRow(label, [count]) for label, count in bands],
            title=_("Communes per ten-point band of the verified score"),
            maximum=max([*counts, 1]),
            unit="",
        )
        return {
            "scored": len(self.scope(rows)),
            "principle_codes": principle_codes,
            "principle_names": [self.name(self.principles[c]) for c in principle_codes],
            "field_names": [self.name(fields[c]) for c in field_codes],
            "by_principle": by_principle,
            "by_field": by_field,
            "bands": bands,
            "distribution_chart": chart,
        }

    def trends(self, rows: list[calc.ScoreRow], editions: list) -> dict:
        oldest_first = list(reversed(editions))
        codes = list(self.principles)
        found = calc.trends(self.scope(rows, edition=False), [e.pk for e in oldest_first], codes)
        table = [
            (self.name(e.name), t.communes, t.overall, [t.by_principle[c] for c in codes])
            for e, t in zip(oldest_first, found, strict=True)
        ]
        chart = self.chart(
            [BarRow(name, [overall]) for name, _n, overall, _p in table],
            title=_("Average verified score per edition"),
        )
        return {"trends": table, "trend_chart": chart}

    def benchmark(self, rows: list[calc.ScoreRow], commune: str, names: dict) -> dict:
        subject = next(
            (r for r in rows if r.edition == self.edition.pk and r.commune == commune), None
        )
        if subject is None:
            return {"subject": None}
        codes = list(self.principles)
        sizes, found = calc.benchmark(subject, rows, codes)
        table = [(self.name(self.principles[b.code]), b) for b in found]
        series = [self.name(names[commune]), *(str(label) for label in PEERS.values())]
        chart = self.chart(
            [BarRow(t, [b.commune, b.region, b.kind, b.population]) for t, b in table],
            title=_("The commune's verified score beside its peers' averages"),
            series_names=series,
        )
        band = calc.population_band(subject.population)
        return {
            "subject": subject,
            "subject_name": series[0],
            "subject_band": BANDS.get(band, _("unknown population")),
            "peers": [(PEERS[key], size) for key, size in sizes.items()],
            "benchmark": table,
            "benchmark_chart": chart,
        }

    def gaps(self, rows: list[calc.ScoreRow], declared: dict[int, dict]) -> dict:
        """Declared against verified by principle over the same published dossiers."""
        pairs = [
            (declared[r.dossier], r.by_principle) for r in self.scope(rows) if r.dossier in declared
        ]
        found = calc.gaps(pairs, list(self.principles))
        table = [(self.name(self.principles[g.code]), g) for g in found]
        chart = self.chart(
            [BarRow(t, [g.declared, g.verified]) for t, g in table],
            title=_("Declared and verified average score by principle"),
            series_names=[str(_("Declared")), str(_("Verified"))],
        )
        return {"gaps": table, "gap_chart": chart, "gap_dossiers": len(pairs)}

    def weakest(self, points: list[calc.QuestionPoints], texts: dict) -> dict:
        found = calc.weakest(calc.question_averages(points))
        table = [(code, self.name(texts.get(code)), value) for code, value in found]
        chart = self.chart(
            [BarRow(code, [value]) for code, _t, value in table],
            title=_("The weakest questions nationally"),
        )
        return {"weakest": table, "weakest_chart": chart}
