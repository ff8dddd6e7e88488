"""Program staff: accounts, sign-in and lockout."""
