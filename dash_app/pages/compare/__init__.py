"""Compare a client with other clients: a feature's distribution, two features' scatter."""
