"""Pure figure builders (no dash import, no I/O) and small layout helpers."""
