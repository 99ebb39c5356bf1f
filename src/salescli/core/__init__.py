"""The base every layer stands on: errors, the clock, settings and the personal config file,
paths, the acting identity, and the interface language. Imports nothing heavy."""
