"""Read-only JSON API for evaluator tools: /api/v1/evaluation/... with `Authorization: Bearer <token>`."""

from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath, QueryParameter

from evaluation_link.period import MAX_YEAR, MIN_YEAR, valid_year
from evaluation_link.queries import assessments as queries
from evaluation_link.queries.assessments import UnitNotFound
from evaluation_link.queries.follow_up import recommendations_for_year
from evaluation_link.services import tokens
from portal.i18n import _
from portal.openapi import EVALUATOR_TOKEN, error_response
from portal.pagination import PageNumber, PerPage, window
from portal.params import PathYear


class AssessmentSummary(msgspec.Struct):
    year: int
    status: str
    instrument_version: str
    ipp: float
    f02: float
    category: str
    category_name: str


class UnitSummary(msgspec.Struct):
    slug: str
    name: str
    assessments: list[AssessmentSummary]


class UnitList(msgspec.Struct):
    items: list[UnitSummary]
    page: int
    per_page: int
    total: int


class Evidence(msgspec.Struct):
    label: str
    url: str


class IndicatorResult(msgspec.Struct):
    no: int
    code: str
    aspect: str
    name: str
    weight: float
    auto_figure: dict[str, Any] | None
    evidence: list[Evidence]
    suggested_score: int | None
    suggestion_reason: str
    self_score: int | None
    evaluator_score: int | None
    override_reason: str
    score: int | None
    reviewed_at: datetime | None


class AspectResult(msgspec.Struct):
    code: str
    name: str
    weight: float
    score: float


class UnitEvaluation(msgspec.Struct):
    unit: str
    unit_name: str
    year: int
    status: str
    instrument_version: str
    aspects: list[AspectResult]
    indicators: list[IndicatorResult]
    f02: float
    f03: float | None
    evaluator_weight: float
    users_weight: float
    ipp: float
    category: str
    category_name: str
    combination_status: str


class FollowUpActionItem(msgspec.Struct):
    id: int
    what: str
    owner: str
    due_date: date | None
    expected_evidence: str
    status: str
    overdue: bool
    evidence_count: int
    completed_on: date | None
    verified_at: datetime | None


class FollowUpItem(msgspec.Struct):
    id: int
    unit: str
    unit_name: str
    year: int
    indicator: str | None
    indicator_no: int | None
    aspect: str
    text: str
    priority: bool
    actions: list[FollowUpActionItem]


class FollowUpList(msgspec.Struct):
    items: list[FollowUpItem]
    page: int
    per_page: int
    total: int


FollowUpYear = Annotated[int, QueryParameter(ge=MIN_YEAR, le=MAX_YEAR, description="Assessment year (2017–2100).")]


async def requires_evaluator_token(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    header = connection.headers.get("authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorizedException(
            _("Token akses wajib dikirim (Authorization: Bearer <token>)."), headers={"WWW-Authenticate": "Bearer"}
        )
    row = await tokens.find_token(token.strip())
    if row is None:
        raise NotAuthorizedException(_("Token akses tidak dikenal."), headers={"WWW-Authenticate": "Bearer"})
    if row["revoked_at"] is not None:
        raise PermissionDeniedException(_("Token akses ini sudah dicabut."))
    await tokens.touch(row["id"])


ERROR_RESPONSES = {
    401: error_response(401, "Missing or unknown bearer token"),
    403: error_response(403, "Revoked token"),
}


def _lang(value: dict[str, str]) -> str:
    return value.get("id", "")


class EvaluationApiController(Controller):
    path = "/api/v1/evaluation"
    tags = ["PEKPPP evaluation"]
    guards = [requires_evaluator_token]
    security = [{EVALUATOR_TOKEN: []}]

    @get("/units", name="evaluation_api:units", responses=ERROR_RESPONSES)
    async def units(self, page: PageNumber = 1, per_page: PerPage = 20) -> UnitList:
        """Units with their PEKPPP assessments (IPP 0–5 and category per year).

        Send `Authorization: Bearer <token>`; tokens come from `portal evaluation token create NAME`.
        """
        rows = await queries.dashboard_rows()
        units = {
            u["slug"]: UnitSummary(slug=u["slug"], name=u["name"], assessments=[])
            for u in await queries.units_for_dashboard()
        }
        for row in rows:
            units[row["unit_slug"]].assessments.append(
                AssessmentSummary(
                    year=row["year"],
                    status=row["status"],
                    instrument_version=row["instrument"].version,
                    ipp=float(row["ipp"]),
                    f02=float(row["f02"]),
                    category=row["category"],
                    category_name=row["band"].title("id"),
                )
            )
        everything = list(units.values())
        return UnitList(
            items=everything[window(len(everything), page, per_page)],
            page=page,
            per_page=per_page,
            total=len(everything),
        )

    @get(
        "/units/{slug:str}/{year:int}",
        name="evaluation_api:unit_year",
        responses={**ERROR_RESPONSES, 404: error_response(404, "Unknown unit or no assessment for the year")},
    )
    async def unit_year(self, slug: FromPath[str], year: PathYear) -> UnitEvaluation:
        """One unit's evaluation for a year: every indicator's figure, evidence, scores, and the index.

        Send `Authorization: Bearer <token>`. `score` is the evaluator's score, else the portal's
        suggestion, else the unit's own (provisional until `status` is "locked").
        """
        if not valid_year(year):
            raise NotFoundException(_("Periode tidak ditemukan."))
        try:
            view = await queries.sheet_for(slug, year)
        except UnitNotFound as exc:
            raise NotFoundException(_("Unit tidak ditemukan.")) from exc
        if view is None:
            raise NotFoundException(_("Belum ada penilaian untuk unit dan tahun ini."))
        indicators = []
        for _aspect, items, _score in view.aspects:
            for item in items:
                ind, row = item.indicator, item.row
                links = [
                    Evidence(label=e.get("label", ""), url=e.get("url", ""))
                    for e in (row["auto_evidence"] or []) + (row["evidence"] or [])
                ]
                indicators.append(
                    IndicatorResult(
                        no=ind.no,
                        code=ind.code,
                        aspect=ind.aspect,
                        name=_lang(ind.name),
                        weight=ind.weight,
                        auto_figure=row["auto_figure"],
                        evidence=links,
                        suggested_score=row["suggested_score"],
                        suggestion_reason=row["suggestion_reason"],
                        self_score=row["self_score"],
                        evaluator_score=row["evaluator_score"],
                        override_reason=row["override_reason"],
                        score=item.effective,
                        reviewed_at=row["reviewed_at"],
                    )
                )
        index = view.index
        return UnitEvaluation(
            unit=view.unit["slug"],
            unit_name=view.unit["name"],
            year=year,
            status=view.assessment["status"],
            instrument_version=view.instrument.version,
            aspects=[
                AspectResult(code=a.code, name=_lang(a.name), weight=a.weight, score=float(s or 0))
                for a, _items, s in view.aspects
                if a.weight > 0
            ],
            indicators=indicators,
            f02=float(index.f02),
            f03=float(index.f03) if index.f03 is not None else None,
            evaluator_weight=view.assessment["evaluator_weight"],
            users_weight=view.assessment["users_weight"],
            ipp=float(index.combined),
            category=index.band.category,
            category_name=index.band.title("id"),
            combination_status=view.instrument.combination_status,
        )

    @get("/follow-ups", name="evaluation_api:follow_ups", responses=ERROR_RESPONSES)
    async def follow_ups(self, year: FollowUpYear, page: PageNumber = 1, per_page: PerPage = 20) -> FollowUpList:
        """The evaluator's recommendations for one assessment year and the units' follow-up actions.

        Send `Authorization: Bearer <token>`. `indicator` is the indicator code, or null for a
        recommendation on a whole `aspect`. Action `status` is one of planned, in_progress, done,
        verified, sent_back; `overdue` is true when the due date has passed and the action is neither
        done nor verified.
        """
        recs = await recommendations_for_year(year)
        items = [
            FollowUpItem(
                id=r["id"],
                unit=r["unit_slug"],
                unit_name=r["unit_name"],
                year=r["year"],
                indicator=r["indicator"] or None,
                indicator_no=r["indicator_no"],
                aspect=r["aspect"],
                text=r["text"],
                priority=r["priority"],
                actions=[
                    FollowUpActionItem(
                        id=a["id"],
                        what=a["what"],
                        owner=a["owner"],
                        due_date=a["due_date"],
                        expected_evidence=a["expected_evidence"],
                        status=a["status"],
                        overdue=a["overdue"],
                        evidence_count=a["evidence_count"],
                        completed_on=a["completed_on"],
                        verified_at=a["verified_at"],
                    )
                    for a in r["actions"]
                ],
            )
            for r in recs
        ]
        return FollowUpList(
            items=items[window(len(items), page, per_page)], page=page, per_page=per_page, total=len(items)
        )
