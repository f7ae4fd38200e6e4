"""The verification pages of the workspace: stale entries with "Checked today", and the
verification campaigns."""
