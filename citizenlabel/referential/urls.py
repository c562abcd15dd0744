from django.urls import path

from . import views

app_name = "referential"
urlpatterns = [
    path("", views.referential_list, name="list"),
    path("compare/", views.referential_compare, name="compare"),
    path("<int:pk>/", views.referential_detail, name="detail"),
]
