"""Rounds: the model, the phase gate, the services, and the officials' pages (routes.py).

The blueprint lives in routes.py, not here: pb.labels imports this package's
models, and routes.py imports pb.labels, so importing the routes from here
would be circular.
"""
