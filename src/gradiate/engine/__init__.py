"""The engine runs events: queue, concurrency limits, sessions, streaming, cancellation.

It knows nothing of HTTP: the server hands it join requests and relays the messages it
emits. ``interfaces`` holds the Protocols a Redis-backed implementation would follow.
"""
