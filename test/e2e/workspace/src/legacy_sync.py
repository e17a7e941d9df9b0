"""Nightly sync with the old warehouse system (unused since 2024)."""
import logging

log = logging.getLogger("legacy_sync")
log.info("legacy sync loaded")


def sync_all():
    raise NotImplementedError("the warehouse API is gone")
