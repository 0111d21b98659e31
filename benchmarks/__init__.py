"""Side-by-side measurements; never part of the test suite's pass/fail."""
