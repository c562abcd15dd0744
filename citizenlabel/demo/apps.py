from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only so that `manage.py setup_demo` is found; it has no models."""

    name = "citizenlabel.demo"
