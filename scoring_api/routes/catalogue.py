"""The field catalogue: the label of every application field shown to people, by language."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask_openapi3 import Tag

from model_training.features.catalogue import field_catalogue
from scoring_api.blueprint import api_blueprint
from scoring_api.context import request_lang
from scoring_api.responses import FieldCatalogue
from scoring_api.schemas import LangQuery
from scoring_api.security.access import require_roles
from scoring_api.security.roles import Role

CATALOGUE = Tag(name="catalogue", description="Labels of the application fields, in plain words")
blueprint = api_blueprint("catalogue", __name__)


@cache
def field_labels(lang: str) -> dict[str, Any]:
    """Return the catalogue's body in ``lang``, built once per process and language."""
    fields = []
    for entry in field_catalogue().values():
        field = {"name": entry.name, "label": entry.label(lang)}
        if entry.description(lang):
            field["description"] = entry.description(lang)
        fields.append(field)
    return {"fields": fields}


@blueprint.get(
    "/catalogue", tags=[CATALOGUE], summary="Field labels", responses={200: FieldCatalogue}
)
@require_roles(Role.ADVISOR, Role.CLIENT)
def get_catalogue(query: LangQuery) -> dict[str, Any]:
    """Return the label (and any description) of every application field a client file serves."""
    return field_labels(request_lang(query.lang))
