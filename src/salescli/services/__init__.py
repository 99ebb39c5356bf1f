"""Use cases: each opens one transaction, applies domain rules and writes.

Services return plain dicts in the shape `--json` prints (stable snake_case keys,
datetimes as aware `datetime`, rendered to ISO by the interface), never ORM objects.
"""
