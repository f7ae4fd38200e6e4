"""The pages of problem reports: the public form (``/access-points/{id}/report``), the count
by kind on the place page, and the editors' queue (``/edit/reports``)."""
