"""The client data export in a readable form (HTML): labels and values in words."""
