import sqlite3


def connect(path="orders.db"):
    return sqlite3.connect(path)
