"""The editors' workspace pages: forms for access points, organizations, closures and hours."""
