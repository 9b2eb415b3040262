"""The ASGI server: routes, SSE, static files. It runs events only through the engine."""
