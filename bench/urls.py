"""The application's URLs plus the floor page, for the page benchmark only."""

from __future__ import annotations

from django.urls import path

from bench.floor import floor
from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as app_urlpatterns

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *app_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
