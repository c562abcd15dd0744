import pytest
from django.urls import reverse

from citizenlabel.people.enums import Role
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def test_it_signs_in_and_shows_the_roles(client):
    user = user_with_role(Role.COORDINATION)
    response = client.post(
        reverse("people:login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == user
    assert "عضو لجنة التنسيق" in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message_in_arabic(client):
    user = user_with_role(Role.COORDINATION)
    response = client.post(reverse("people:login"), {"username": user.username, "password": "x"})
    assert response.context["user"].is_authenticated is False
    assert len(response.context["form"].non_field_errors()) == 1
    assert 'dir="rtl"' in response.content.decode()


def test_sign_in_is_throttled_after_five_failures(client):
    user = user_with_role(Role.COORDINATION)
    for _ in range(5):
        client.post(reverse("people:login"), {"username": user.username, "password": "wrong"})
    response = client.post(
        reverse("people:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client):
    user = user_with_role(Role.COORDINATION)
    client.force_login(user)
    client.post(reverse("people:logout"))
    assert "_auth_user_id" not in client.session
