"""When to drill an item again: FSRS cards rebuilt from the scores in the history."""
