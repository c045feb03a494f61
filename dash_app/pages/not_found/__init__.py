"""The page shown for an unknown address."""
