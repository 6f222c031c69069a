"""API tokens: bearer tokens for scripts, shown once, stored hashed, revocable."""
