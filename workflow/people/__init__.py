"""People who work an account's cases through the web app: invitations, passwords, sign-in,
and the account's API tokens."""
