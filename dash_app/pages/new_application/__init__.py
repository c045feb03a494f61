"""New application: score someone who is not a client yet (advisors; nothing is stored)."""
