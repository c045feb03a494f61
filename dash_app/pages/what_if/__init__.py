"""What if…: change an existing client's application and score it again (nothing stored)."""
