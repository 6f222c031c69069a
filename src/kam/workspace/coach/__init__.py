"""The key-account coach over the workspace: it loads an account's records, runs kam.coach's rules on
them, and keeps one coverage score a day so the score's change can be shown."""
