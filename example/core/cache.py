"""Process-wide cache shared by all request handlers."""

# A plain dict shared across threads: no lock, no size limit, no expiry.
cache = {}


def clear():
    cache.clear()


def warm(db):
    for row in db.query("SELECT id, price FROM products"):
        cache[f"price:{row.id}"] = row.price
