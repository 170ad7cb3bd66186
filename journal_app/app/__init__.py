"""The application layer: each use case written once, for both the app and the command line.

Shells (``ui/``, ``cli/``) call these; these call the pure ``core/`` and are the only
users of ``storage/`` (the vault) and ``share/`` (the bundle).
"""
