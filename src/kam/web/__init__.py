"""The web pages of the workspace: an edge beside kam.api, on the same services and access control.

Pages are server-rendered Jinja2 templates (autoescaped) in the reader's language, with htmx and Apache
ECharts served by kam itself (`vendor/`): no page asks anything of another host."""
