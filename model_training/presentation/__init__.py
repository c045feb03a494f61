"""How the product shows numbers and charts, in the report and the dashboard alike."""
