"""Demo data for trying the system out. Everything here is invented except the place names."""
