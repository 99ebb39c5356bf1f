"""The seeded generator of realistic stores (demo, tests, benchmarks) and the word lists it
draws names and notes from."""
