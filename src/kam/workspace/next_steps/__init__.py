"""Next steps: what is to be done next for an account, by whom and when."""
