"""Use cases any interface can call: each opens one transaction, checks the acting user's
role, reads the team rules, applies domain rules and writes.

They take what a user typed (names, date words, codes in any case) and clean it once here;
they raise typed errors (a code and its parameters, never a sentence or a flag name) and
return typed records (services/records.py) whose `to_json()` is what `--json` prints. Time
is read once per operation from the context's clock.
"""
