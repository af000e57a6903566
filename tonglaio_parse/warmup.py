"""Importing this module loads what parsing needs (rules, dictionary, unit registry): the
batch's fork server imports it once, so that every worker forked from it starts warm."""
from .batch import warm_up

warm_up()
