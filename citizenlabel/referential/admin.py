from django.contrib import admin

from .models import Anchor, Field, Option, Principle, Question, Referential, Topic


class LockedReferentialMixin:
    """A referential used by an edition is read-only here as everywhere else."""

    def _referential_of(self, obj):
        return obj if isinstance(obj, Referential) else getattr(obj, "referential", None)

    def has_change_permission(self, request, obj=None):
        referential = self._referential_of(obj) if obj is not None else None
        if referential is not None and referential.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


class AnchorInline(admin.TabularInline):
    model = Anchor
    extra = 0


@admin.register(Referential)
class ReferentialAdmin(LockedReferentialMixin, admin.ModelAdmin):
    list_display = ["code", "version", "__str__", "aggregation", "loaded_at", "locked_at"]
    readonly_fields = ["loaded_at", "loaded_by", "source_sha256", "locked_at"]


@admin.register(Principle)
class PrincipleAdmin(LockedReferentialMixin, admin.ModelAdmin):
    list_display = ["code", "__str__", "referential"]
    list_filter = ["referential"]
    inlines = [AnchorInline]


@admin.register(Field)
class FieldAdmin(LockedReferentialMixin, admin.ModelAdmin):
    list_display = ["code", "__str__", "referential"]
    list_filter = ["referential"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "field"]
    list_filter = ["field__referential"]


@admin.register(Question)
class QuestionAdmin(LockedReferentialMixin, admin.ModelAdmin):
    list_display = ["code", "letter", "__str__", "principle", "kind", "weight", "critical"]
    list_filter = ["referential", "field", "principle", "kind", "critical"]
    list_select_related = ["principle"]
    search_fields = ["code", "text"]
    inlines = [OptionInline]
