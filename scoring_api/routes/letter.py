"""The decision letter of a stored client, as PDF or HTML, for the client themself or an advisor."""

from __future__ import annotations

import datetime

from flask import Response
from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.context import api_settings, current_bundle, request_lang
from scoring_api.letter.content import stored_client_letter
from scoring_api.letter.render_html import render_letter_html
from scoring_api.letter.render_pdf import render_letter_pdf
from scoring_api.responses import PDF_OR_HTML
from scoring_api.schemas import ClientPath, LetterQuery
from scoring_api.security.access import client_access, require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.cost_limits import charge_scoring, heavy_slot
from scoring_api.security.roles import Role
from scoring_api.security.state import request_session
from scoring_api.services.offers import offer_cost
from scoring_api.services.reviews import latest_outcome
from scoring_api.services.scoring import client_row

LETTERS = Tag(name="letters", description="The decision letter a client keeps, PDF or HTML")
blueprint = api_blueprint("letter", __name__)


@blueprint.get(
    "/clients/<int:client_id>/letter",
    tags=[LETTERS],
    summary="Decision letter",
    responses={200: PDF_OR_HTML},
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_client_letter(path: ClientPath, query: LetterQuery) -> Response:
    """Return the letter of a client's decision: reasons, score, rights, whom to contact."""
    client_access(path.client_id, "clients.letter")
    bundle = current_bundle()
    client_row(bundle, path.client_id)  # an unknown id: 404 before any database read
    review = latest_outcome(request_session(), path.client_id)
    settings = api_settings()
    cost = offer_cost(settings)  # the letter searches the counter-offers too
    with heavy_slot(settings, cost):
        charge_scoring(settings, cost)
        letter = stored_client_letter(
            bundle,
            settings,
            path.client_id,
            request_lang(query.lang),
            datetime.datetime.now(datetime.UTC).date(),
            review,
        )
    audit_event("clients.letter", None, path.client_id, "ok")
    if query.format == "html":  # shown in the browser, saved under the same name
        return Response(
            render_letter_html(letter),
            mimetype="text/html",
            headers={"Content-Disposition": f"inline; filename={letter.file_name}.html"},
        )
    return Response(
        render_letter_pdf(letter),
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename={letter.file_name}.pdf"},
    )
