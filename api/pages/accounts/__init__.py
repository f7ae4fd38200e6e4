"""The workspace's accounts: sessions, sign-in, the admin's account pages."""
