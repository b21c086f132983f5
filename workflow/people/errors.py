"""Refusals of the people use cases, in the domain's one vocabulary."""

from workflow.errors import DomainError


class InviteNotUsable(DomainError):
    status = 410
    slug = "invite-not-usable"
    title = "The invitation link cannot be used"


class SignInRefused(DomainError):
    status = 401
    slug = "sign-in-refused"
    title = "Sign-in refused"


class PersonExists(DomainError):
    status = 409
    slug = "person-exists"
    title = "This person has an account already"
