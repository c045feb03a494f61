"""Counter-offers of a stored client: the nearest loans the model grants (audited)."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import Tag

from scoring_api.blueprint import api_blueprint
from scoring_api.context import api_settings, current_bundle, request_lang
from scoring_api.offer_schemas import ClientOffers
from scoring_api.schemas import ClientPath
from scoring_api.security.access import client_access, require_roles
from scoring_api.security.audit import audit_event
from scoring_api.security.cost_limits import charge_scoring, heavy_slot
from scoring_api.security.roles import Role
from scoring_api.services.offers import application_offers, offer_cost
from scoring_api.services.scoring import score_stored_client

OFFERS = Tag(name="offers", description="Counter-offers of refused or referred applications")
blueprint = api_blueprint("offers", __name__)


@blueprint.get(
    "/clients/<int:client_id>/offers",
    tags=[OFFERS],
    summary="Client counter-offers",
    responses={200: ClientOffers},
)
@require_roles(Role.ADVISOR, Role.CLIENT, Role.SERVICE)
def get_client_offers(path: ClientPath) -> dict[str, Any]:
    """Return the loans the model would grant a refused or referred client (rules a, b, c)."""
    client_access(path.client_id, "clients.offers")
    settings, bundle = api_settings(), current_bundle()
    result = score_stored_client(bundle, path.client_id, request_lang(None))
    cost = offer_cost(settings)
    with heavy_slot(settings, cost):
        charge_scoring(settings, cost)
        body = application_offers(bundle, settings, {"SK_ID_CURR": path.client_id}, result)
    audit_event("clients.offers", None, path.client_id, "ok")
    return {"client_id": path.client_id, "model_version": bundle.version, **body}
