"""A list of records as a table: its caption for screen readers, its header and rows."""

from __future__ import annotations

from dash import html

from dash_app.components.tables import list_table


def test_a_list_table_has_a_hidden_caption_its_header_and_its_rows() -> None:
    header = html.Thead(html.Tr([html.Th("Client")]))
    rows = [html.Tr([html.Td("100001")]), html.Tr([html.Td("100002")])]
    table = list_table("Clients found", header, rows, "clients-table")
    caption, head, body = table.children
    assert (caption.children, caption.className) == ("Clients found", "visually-hidden")
    assert head is header
    assert body.children == rows
    assert table.className == "clients-table align-middle"
