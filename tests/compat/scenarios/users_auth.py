"""Users and authentication through the original client: register, log in, current
user, modify, password changes, logout, and the client's errors for bad logins."""

from __future__ import annotations

from _support import PASSWORD, address_from_argv, done, expect_status, unique

from dioptra.client import connect_json_dioptra_client


def main() -> None:
    address = address_from_argv()
    client = connect_json_dioptra_client(address)
    username = unique("alice")

    user = client.users.create(username, f"{username}@example.org", PASSWORD)
    assert user["username"] == username and user["email"] == f"{username}@example.org", user
    assert [g["name"] for g in user["groups"]] == ["public"], user
    assert "password" not in user
    expect_status(409, client.users.create, username, "other@example.org", PASSWORD)
    expect_status(401, client.users.get_current)  # not logged in yet

    expect_status(401, client.auth.login, username, "wrong")
    expect_status(401, client.auth.login, unique("nobody"), PASSWORD)
    login = client.auth.login(username, PASSWORD)
    assert login["username"] == username, login
    current = client.users.get_current()
    assert current["id"] == user["id"] and current["username"] == username, current
    assert client.users.get_by_id(user["id"])["username"] == username
    listed = client.users.get(search=f"username:{username}")
    assert [u["id"] for u in listed["data"]] == [user["id"]], listed

    renamed = unique("alice2")
    modified = client.users.modify_current_user(renamed, f"{renamed}@example.org")
    assert modified["username"] == renamed and modified["email"] == f"{renamed}@example.org"
    assert client.users.get_current()["username"] == renamed

    # A password change ends the session; the new password works, the old one no more.
    new_password = PASSWORD + "-2"
    expect_status(403, client.users.change_current_user_password, "not-the-password", new_password)
    client.users.change_current_user_password(PASSWORD, new_password)
    expect_status(401, client.users.get_current)
    expect_status(401, client.auth.login, renamed, PASSWORD)
    client.auth.login(renamed, new_password)
    assert client.users.get_current()["username"] == renamed

    # Changing it by id checks the old password too and also ends the session.
    third_password = PASSWORD + "-3"
    expect_status(403, client.users.change_password_by_id, user["id"], "bad", third_password)
    client.users.change_password_by_id(user["id"], new_password, third_password)
    expect_status(401, client.users.get_current)
    client.auth.login(renamed, third_password)
    client.auth.logout()
    expect_status(401, client.users.get_current)
    client.auth.login(renamed, third_password)

    # A second user sees the first; logging out everywhere ends every session.
    other = connect_json_dioptra_client(address)
    other.users.create(unique("bob"), f"{unique('bob')}@example.org", PASSWORD)
    other.auth.login(unique("bob"), PASSWORD)
    assert other.users.get_by_id(user["id"])["username"] == renamed
    second_session = connect_json_dioptra_client(address)
    second_session.auth.login(renamed, third_password)
    client.auth.logout(everywhere=True)
    expect_status(401, second_session.users.get_current)

    # Deleting the account needs the password; afterwards nobody can log in as it.
    second_session.auth.login(renamed, third_password)
    refused = expect_status(401, second_session.users.delete_current_user, "wrong")
    assert refused["error"] == "UserPasswordError", refused
    second_session.users.delete_current_user(third_password)
    expect_status(401, second_session.auth.login, renamed, third_password)
    done("users_auth")


if __name__ == "__main__":
    main()
