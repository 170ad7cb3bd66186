"""The Flet app. Until the full screens arrive, a calm page that says what is coming."""

from __future__ import annotations

import flet as ft

from journal_app import APP_NAME

COMING = [
    "Guided prompts to put into words what you need from a therapist",
    "A private journal for the anxiety of the search",
    "Goals and milestones, a shortlist with an explainable fit, and check-ins",
    "An encrypted summary you can share with your doctor",
]


def main(page: ft.Page) -> None:
    """Build the first screen."""
    page.title = APP_NAME
    page.padding = 24
    page.scroll = ft.ScrollMode.AUTO
    page.add(
        ft.Column(
            [
                ft.Text(APP_NAME, size=28, weight=ft.FontWeight.BOLD),
                ft.Text(
                    "Your journal stays on this device, encrypted. The full app is on its way:",
                    size=16,
                ),
                *[ft.Text(f"• {item}", size=15) for item in COMING],
                ft.Text(
                    "Meanwhile the command line works: try 'journal-app --help'.",
                    size=14,
                    italic=True,
                ),
            ],
            spacing=12,
        )
    )
