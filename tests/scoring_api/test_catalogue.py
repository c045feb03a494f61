"""The field catalogue route: every signed-in person reads the labels of the served fields."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("role", "status"), [("advisor", 200), ("client", 200), ("admin", 200)])
def test_every_person_role_reads_the_catalogue(as_role, role: str, status: int) -> None:
    assert as_role(role, "GET", "/api/v1/catalogue").status_code == status


@pytest.mark.parametrize(("role", "status"), [("service", 403), (None, 401)])
def test_services_and_anonymous_callers_do_not(as_role, role: str | None, status: int) -> None:
    assert as_role(role, "GET", "/api/v1/catalogue").status_code == status


@pytest.mark.parametrize(
    ("lang", "name", "label"),
    [
        ("fr", "DAYS_ID_PUBLISH", "Pièce d'identité changée il y a"),
        ("en", "DAYS_ID_PUBLISH", "Identity document changed"),
        ("fr", "DAYS_BIRTH", "Âge"),
        ("en", "NAME_CONTRACT_TYPE", "Type of loan requested"),
    ],
)
def test_labels_come_in_the_asked_language(as_role, lang: str, name: str, label: str) -> None:
    fields = as_role("advisor", "GET", f"/api/v1/catalogue?lang={lang}").json["fields"]
    assert {f["name"]: f["label"] for f in fields}[name] == label


def test_the_configured_language_is_the_default(as_role) -> None:
    default = as_role("advisor", "GET", "/api/v1/catalogue").json
    assert default == as_role("advisor", "GET", "/api/v1/catalogue?lang=fr").json


def test_a_feature_of_the_same_name_lends_its_description(as_role) -> None:
    fields = as_role("advisor", "GET", "/api/v1/catalogue?lang=en").json["fields"]
    by_name = {f["name"]: f for f in fields}
    assert by_name["CNT_CHILDREN"]["description"] == "Dependent children declared."
    assert "description" not in by_name["DAYS_BIRTH"]  # no feature: a label only


def test_an_unknown_language_is_refused(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/catalogue?lang=de")
    assert (response.status_code, response.json["error"]["code"]) == (422, "validation_error")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_served_application_field_is_labelled(as_role, client_ids, lang: str) -> None:
    application = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}").json["application"]
    fields = as_role("advisor", "GET", f"/api/v1/catalogue?lang={lang}").json["fields"]
    labels = {f["name"]: f["label"] for f in fields}
    assert set(application) <= set(labels)
    assert all(label.strip() for label in labels.values())
