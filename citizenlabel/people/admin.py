from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, TechnicalTeam, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["commune"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Contact"), {"fields": ["phone"]}))
    list_display = ["username", "first_name", "last_name", "email", "is_active"]


@admin.register(TechnicalTeam)
class TechnicalTeamAdmin(admin.ModelAdmin):
    list_display = ["__str__", "region"]
    list_select_related = ["region"]
