"""The pure domain: records and rules. No files, no clock, no network, no Flet.

Shells (storage, share, ui, cli) call in here; nothing in here calls out, except through
the small ``RecordStore`` protocol in ``ports``.
"""
