"""The observatory of human access (issue 13, part 4): what the directory's data and the
workers' incident reports show, aggregated and dated, for everyone who argues for more
counters.

- ``charts``: charts rendered on the server to SVG (Vega-Lite through ``altair`` and
  ``vl-convert-python``), readable without JavaScript and safe under the pages' strict
  Content-Security-Policy; every chart is shown with its numbers as a table.
- ``weekly_hours`` (pure): the open hours of one schedule in one week (Europe/Brussels).
- ``human_access``: the hours per week of counters and of phone lines answered by a person,
  per commune, region and organization, over time, from the change history.
"""
