"""The reviewer pages (/review): server-rendered HTML over the same services as the JSON API.
Handlers take a form or a query, call a service, and render a view model (web/views.py); the
templates only display it."""
