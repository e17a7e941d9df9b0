import os

def check_token(given):
    expected = os.environ["API_TOKEN"]
    return given == expected


def require_token(request):
    if not check_token(request.headers.get("X-Token", "")):
        raise PermissionError("bad token")
    return True
