"""The key-account coach (DOMAIN.md §4–§6): what an experienced coach would tell a salesperson looking at
an account. Who in the decision chain is covered and who is not, what each person weighs and what to
say to them, whether a request is a need or a want, how deep the five whys went, and whether a price was
quoted too early.

A pure core: plain frozen facts in (`kam.coach.facts`), findings out, each a code with its values
(`kam.coach.findings`), said in the reader's language at the edge (`kam.render.coach`). No web, database
or command line here; every threshold is a setting of `CoachSettings`.
"""
