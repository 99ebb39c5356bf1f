"""Pure rules on plain values: no I/O, no SQL, the clock passed in."""
