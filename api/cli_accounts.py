"""``guichets accounts``: people's accounts from the command line (the first admin, above
all, since the account pages need one)."""

import sys
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from api.clock import current_time
from api.config import get_settings
from api.db import make_engine, migrate, writing
from api.errors import DomainError
from api.models import AccountCreate, AccountRole
from api.models.accounts import PASSWORD_MIN_LENGTH
from api.services.accounts import create_account, disable_account, find_account, list_accounts

accounts_app = typer.Typer(help="People's accounts: administrators, editors, workers.")
console = Console(soft_wrap=True)


def _session() -> Session:
    # As the other writing commands: SQLite transactions wait for the write lock.
    engine = make_engine(get_settings().database_url)
    migrate(engine)
    return Session(writing(engine))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(
        typer.prompt(
            f"Password (at least {PASSWORD_MIN_LENGTH} characters)",
            hide_input=True,
            confirmation_prompt=True,
        )
    )


@accounts_app.command("create")
def accounts_create(
    email: Annotated[str, typer.Option(help="E-mail address (the sign-in name)")],
    name: Annotated[str, typer.Option(help="The person's name (shown in the history)")],
    role: Annotated[AccountRole, typer.Option(help="admin, editor or worker")] = (
        AccountRole.EDITOR
    ),
    organization: Annotated[
        list[str] | None,
        typer.Option(help="Organization id the account is bound to (repeat for several)"),
    ] = None,
    language: Annotated[str, typer.Option(help="fr, nl or en")] = "fr",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Open an account; the password is prompted (twice, hidden) or read from stdin."""
    password = _read_password(password_stdin)
    try:
        data = AccountCreate.model_validate(
            {
                "email": email,
                "name": name,
                "role": role,
                "password": password,
                "language": language,
                "organization_ids": organization or [],
            }
        )
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            console.print(f"[red]{field}: {error['msg']}[/red]")
        raise typer.Exit(1) from exc
    with _session() as session:
        try:
            account = create_account(session=session, data=data, now=current_time())
        except DomainError as exc:
            console.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(1) from exc
        console.print(f"{account.role} account {account.email} created (id {account.id})")


@accounts_app.command("list")
def accounts_list() -> None:
    """List the accounts (never their passwords)."""
    with _session() as session:
        accounts = list_accounts(session=session)
    table = Table(title="Accounts")
    for column in ("id", "email", "name", "role", "organizations", "last sign-in", "disabled"):
        table.add_column(column)
    for account in accounts:
        table.add_row(
            str(account.id),
            account.email,
            account.name,
            account.role.value,
            "(all)" if account.role == AccountRole.ADMIN else ", ".join(account.organization_ids),
            account.last_login_at.isoformat(timespec="seconds") if account.last_login_at else "",
            account.disabled_at.isoformat(timespec="seconds") if account.disabled_at else "",
        )
    console.print(table)


@accounts_app.command("disable")
def accounts_disable(email: Annotated[str, typer.Argument(help="The account's address")]) -> None:
    """Disable an account: it can no longer sign in; its sessions end."""
    with _session() as session:
        account = find_account(session=session, email=email)
        if account is None or account.id is None:
            console.print(f"[red]no account with the address {email}[/red]")
            raise typer.Exit(1)
        disable_account(session=session, account_id=account.id, now=current_time())
    console.print(f"account {email} disabled")
