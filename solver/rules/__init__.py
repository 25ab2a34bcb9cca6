"""One module per rule; :func:`solver.tally` picks one and wraps its outcome in a Result."""
