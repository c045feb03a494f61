"""Pure Plotly builders: ``make_<thing>_figure(data, *, lang) -> go.Figure``, no dash, no I/O."""
