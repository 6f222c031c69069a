"""Users and teams: who works in the workspace, with which role, in which teams."""
