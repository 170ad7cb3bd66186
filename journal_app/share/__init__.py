"""Sharing with a referrer: the encrypted, self-opening bundle and its reader."""
