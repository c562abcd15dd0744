from types import ModuleType

from django.contrib import admin
from django.urls import include, path

from citizenlabel.accreditation import urls as accreditation_urls
from citizenlabel.actionplans import urls as actionplans_urls
from citizenlabel.dossiers import urls as dossiers_urls
from citizenlabel.people import views as people_views
from citizenlabel.reports.urls import DOCUMENTS
from citizenlabel.verification import urls as verification_urls


def with_documents(urls: ModuleType):
    """An app's routes and, under its namespace, the documents its pages link to
    (`verification:report`…): a domain app names its PDFs by URL and never imports reports."""
    return include((urls.urlpatterns + DOCUMENTS[urls.app_name], urls.app_name))


urlpatterns = [
    path("", people_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("citizenlabel.people.urls")),
    path("referentials/", include("citizenlabel.referential.urls")),
    path("", with_documents(dossiers_urls)),
    path("", with_documents(verification_urls)),
    path("", with_documents(actionplans_urls)),
    path("", with_documents(accreditation_urls)),
    path("portal/", include("citizenlabel.portal.urls")),
    path("admin/", admin.site.urls),
]
