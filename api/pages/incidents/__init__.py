"""The pages of incident reports: the form and its confirmation step, "my incidents" and
the admins' list (``pages``), the form's fields and their parsing (``form``)."""
