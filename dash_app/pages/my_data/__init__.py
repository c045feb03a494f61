"""My data (client accounts): my decision explained, my rights, my file, my data."""
