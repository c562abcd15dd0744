from django.contrib import admin

from .models import Commune, Province, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code", "name"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "kind", "region"]
    list_filter = ["kind", "region"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "kind", "population", "province"]
    list_filter = ["kind", "province__region"]
    list_select_related = ["province"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["province"]
