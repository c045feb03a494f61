"""Client routes: listing, file, score, explanation, peers and export (each one audited).

Reading one stored client's referred decision (file or score) opens its review, once.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from flask import Response
from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.context import api_settings, current_bundle, request_lang
from scoring_api.events.recorder import record_stored_score
from scoring_api.export.content import build_readable_export
from scoring_api.export.render_html import render_export_html
from scoring_api.observability.metrics import observe_served_scores
from scoring_api.responses import EXPORT_FORMATS, ClientFile, ClientPage, PeerComparison
from scoring_api.schemas import (
    ClientPath,
    ClientsQuery,
    Explanation,
    ExplanationQuery,
    ExportQuery,
    PeersQuery,
    ScoreResult,
)
from scoring_api.security.access import client_access, require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.roles import Role
from scoring_api.security.state import request_session
from scoring_api.services.clients import client_file, export_as_csv, export_client, list_clients
from scoring_api.services.explanation import explain_stored_client
from scoring_api.services.peers import compare_with_peers
from scoring_api.services.reviews import client_reviews, review_referral
from scoring_api.services.scoring import score_stored_client

CLIENTS = Tag(name="clients", description="Stored clients: file, score, explanation, peers")
blueprint = api_blueprint("clients", __name__)


@blueprint.get(
    "/clients", tags=[CLIENTS], summary="List and search clients", responses={200: ClientPage}
)
@require_roles(Role.ADVISOR)
def get_clients(query: ClientsQuery) -> dict[str, Any]:
    """Return a page of clients matching the filters (id prefix, decision, risk band)."""
    page = list_clients(current_bundle(), query, request_lang(query.lang))
    audit_event("clients.list", None, None, "ok")
    return page


@blueprint.get(
    "/clients/<int:client_id>", tags=[CLIENTS], summary="Client file", responses={200: ClientFile}
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_client(path: ClientPath) -> dict[str, Any]:
    """Return a client's file: score summary and application fields."""
    client_access(path.client_id, "clients.read")
    bundle = current_bundle()
    body = client_file(bundle, path.client_id, request_lang(None))
    audit_event("clients.read", None, path.client_id, "ok")
    record_stored_score(bundle, path.client_id, body)
    review_referral(path.client_id, body)
    return body


@blueprint.get(
    "/clients/<int:client_id>/score",
    tags=[CLIENTS],
    summary="Client score",
    responses={200: ScoreResult},
)
@require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
def get_client_score(path: ClientPath) -> dict[str, Any]:
    """Return a client's probability of default, decision, margin and points."""
    client_access(path.client_id, "clients.score")
    bundle = current_bundle()
    body = score_stored_client(bundle, path.client_id, request_lang(None))
    audit_event("clients.score", None, path.client_id, "ok")
    record_stored_score(bundle, path.client_id, body)
    review_referral(path.client_id, body)
    observe_served_scores([body])
    return body


@blueprint.get(
    "/clients/<int:client_id>/explanation",
    tags=[CLIENTS],
    summary="Client explanation",
    responses={200: Explanation},
)
@require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
def get_client_explanation(path: ClientPath, query: ExplanationQuery) -> dict[str, Any]:
    """Return a client's SHAP contributions (top-k plus the rest) and principal reasons."""
    client_access(path.client_id, "clients.explanation")
    body = explain_stored_client(
        current_bundle(), path.client_id, query.top, request_lang(query.lang)
    )
    audit_event("clients.explanation", None, path.client_id, "ok")
    return body


@blueprint.get(
    "/clients/<int:client_id>/peers",
    tags=[CLIENTS],
    summary="Compare with other clients",
    responses={200: PeerComparison},
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_client_peers(path: ClientPath, query: PeersQuery) -> dict[str, Any]:
    """Return the client's values and the distributions of all, granted, refused, similar."""
    client_access(path.client_id, "clients.peers")
    features = (
        [f.strip() for f in query.features.split(",") if f.strip()] if query.features else None
    )
    body = compare_with_peers(
        current_bundle(), path.client_id, features, query.group, request_lang(query.lang)
    )
    audit_event("clients.peers", None, path.client_id, "ok")
    return body


@blueprint.get(
    "/clients/<int:client_id>/export",
    tags=[CLIENTS],
    summary="Export the client's data",
    responses={200: EXPORT_FORMATS},
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_client_export(path: ClientPath, query: ExportQuery) -> Response:
    """Return everything held about the client (RGPD access), as JSON, CSV or readable HTML."""
    client_access(path.client_id, "clients.export")
    lang = request_lang(query.lang)
    export = export_client(current_bundle(), api_settings().data_dir, path.client_id, lang)
    export["reviews"] = client_reviews(request_session(), path.client_id)
    audit_event("clients.export", None, path.client_id, "ok")
    if query.format == "html":
        readable = build_readable_export(
            export, lang=lang, day=datetime.datetime.now(datetime.UTC).date()
        )
        return Response(
            render_export_html(readable),
            mimetype="text/html",
            headers={"Content-Disposition": f"attachment; filename={readable.file_name}.html"},
        )
    if query.format == "csv":
        return Response(
            export_as_csv(export),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=client-export.csv"},
        )
    return Response(json.dumps(export), mimetype="application/json")
