"""Browser app (contract C5): the cadre app at ``/`` and the trainer app at ``/trainer``."""
