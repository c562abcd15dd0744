from django.urls import path

app_name = "actionplans"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- plan: draft, what-if, logical framework, activities --
    # -- timeline, dashboard, follow-up, PDF --
    # -- evaluation, re-verification, updated score --
]
