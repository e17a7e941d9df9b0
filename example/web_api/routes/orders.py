"""Order endpoints."""
from core.cache import cache
from web_api.auth import require_admin


def list_orders(session, db, users):
    require_admin(session, users)
    orders = db.query("SELECT * FROM orders ORDER BY created DESC")
    result = []
    for order in orders:
        # One query per order: 500 orders, 501 round trips.
        items = db.query("SELECT * FROM order_items WHERE order_id = %s", order.id)
        result.append({"order": order, "items": items})
    return result


def order_total(order_id, db):
    key = f"total:{order_id}"
    if key in cache:
        return cache[key]
    rows = db.query("SELECT price, quantity FROM order_items WHERE order_id = %s", order_id)
    total = sum(r.price * r.quantity for r in rows)
    cache[key] = total
    return total


def cancel_order(order_id, db):
    db.execute("UPDATE orders SET status = 'cancelled' WHERE id = %s", order_id)
    # The cached total is not invalidated: a cancelled order keeps its old total.
    return True
