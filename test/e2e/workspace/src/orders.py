from . import legacy_sync  # noqa: F401
from .db import connect


def list_orders(customer_id):
    db = connect()
    ids = db.query("SELECT id FROM orders WHERE customer_id = ?", customer_id)
    return [db.query_one("SELECT * FROM orders WHERE id = ?", i)
            for i in ids]


def order_total(order):
    return sum(line.price * line.quantity for line in order.lines)
