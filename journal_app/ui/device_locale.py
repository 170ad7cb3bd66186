"""On a phone, where no LANG or LC_* variable is set, ask Flet for the device's locale.

Crisis resources must fit where the person is from the first minute; the phone's own
language-and-region setting ("en_GB") is the best sign before its time zone. Web mode is
left alone: there the Python side's own variables and zone describe the same machine.
"""

from __future__ import annotations

import flet as ft

from journal_app.app.crisis_files import set_device_locale


def on_phone(page: ft.Page) -> bool:
    return not page.web and page.platform is not None and page.platform.is_mobile()


async def learn_device_locale(page: ft.Page) -> None:
    """Keep the phone's first locale with a region for the crisis country; never raises."""
    try:
        info = await page.get_device_info()
    except Exception:  # an older client or a desktop build: the time zone still works
        return
    for found in getattr(info, "locales", None) or []:
        region = getattr(found, "country_code", None)
        if region:
            set_device_locale(f"{found.language_code}_{region}")
            return


def start_learning(page: ft.Page) -> None:
    """Called once per window; only phones ask."""
    if on_phone(page):
        page.run_task(learn_device_locale, page)
