from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Signs people in with their password. What they may do comes from their roles (the
    `rules` predicates), not from Django's permission tables: answering those with nothing
    spares every page the two queries a permission check would otherwise cost. Platform
    administrators are superusers, for whom Django's own checks return True at once."""

    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()
