"""The demo register the embedded default starts with, so a new install can be tried at once.
Every person, address and number in it is invented (Ofcom drama ranges, example.org)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from disclosure_guard.access.keys import Principal
from disclosure_guard.access.roles import Role
from disclosure_guard.crypto import Vault
from disclosure_guard.register.repository import RegisterRepository
from disclosure_guard.register.schema import RegisterImport
from disclosure_guard.register.service import import_cases

DEMO_REGISTER_FILE = Path(__file__).with_name("demo_register.json")
_SYSTEM = Principal("system:demo-register", Role.ADMIN)


def load_demo_register_if_empty(session_factory: Callable[[], Session], vault: Vault) -> bool:
    with session_factory() as session, session.begin():
        if RegisterRepository(session, vault).count():
            return False
        register = RegisterImport.model_validate(json.loads(DEMO_REGISTER_FILE.read_text()))
        import_cases(session, vault, _SYSTEM, register.cases)
        return True
