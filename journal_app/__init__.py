"""Therapy Journal: a private, encrypted companion for a person looking for a therapist."""

__version__ = "0.1.0"
APP_NAME = "Therapy Journal"
