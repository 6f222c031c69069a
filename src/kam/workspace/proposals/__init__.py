"""What a stored call proposes to its account: candidate needs and speakers matched to stakeholders,
each accepted or rejected by the salesperson."""
