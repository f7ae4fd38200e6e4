"""Incident reports ("fiches incident"): their controlled lists in words (``vocabulary``)."""
