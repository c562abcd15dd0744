from django.contrib import admin
from django.urls import include, path

from citizenlabel.common import views as common_views

urlpatterns = [
    path("", common_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("citizenlabel.people.urls")),
    path("referentials/", include("citizenlabel.referential.urls")),
    path("", include("citizenlabel.dossiers.urls")),
    path("", include("citizenlabel.verification.urls")),
    path("", include("citizenlabel.actionplans.urls")),
    path("", include("citizenlabel.accreditation.urls")),
    path("portal/", include("citizenlabel.portal.urls")),
    path("admin/", admin.site.urls),
]
