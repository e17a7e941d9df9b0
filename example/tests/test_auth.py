from web_api.auth import hash_password, check_password


def test_hash_is_stable():
    assert hash_password("pw", "salt") == hash_password("pw", "salt")


def test_check_password():
    assert check_password("pw", "salt", hash_password("pw", "salt"))
