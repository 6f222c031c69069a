"""The workspace's HTTP API: an app factory (`app.create_app`), its dependencies (who is asking, one
session per request), its error handlers, and the helper that gives a feature its list, get, create,
update, delete, restore and history endpoints. The routes themselves live in each feature package
(`kam.workspace.<feature>.routes`)."""
