"""Clients: search by number as you type, page through results, reopen recent files."""
