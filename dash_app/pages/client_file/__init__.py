"""A client's file: decision, gauge, margin, reasons, points waterfall, information."""
