"""All tables, one module each.

Importing a table class from here (`from salescli.store.models import Customer`) loads only
the module that defines it: creating a SQLModel class costs a millisecond or more, and a
command should pay for the tables it uses, not for all of them. `load_all()` registers
every table on `SQLModel.metadata`, for migrations and schema checks.

A later feature (opportunities, leads, targets) adds its module to `_MODULES` and a migration.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_MODULES: dict[str, str] = {
    "Contact": "contact",
    "Customer": "customer",
    "CustomerTag": "customer",
    "FollowUp": "follow_up",
    "OwnershipEvent": "ownership",
    "SettingChange": "setting_change",
    "TeamSetting": "setting",
    "User": "user",
}

__all__ = [
    "Contact", "Customer", "CustomerTag", "FollowUp", "OwnershipEvent", "SettingChange", "TeamSetting", "User",
    "load_all",
]

if TYPE_CHECKING:
    from salescli.store.models.contact import Contact
    from salescli.store.models.customer import Customer, CustomerTag
    from salescli.store.models.follow_up import FollowUp
    from salescli.store.models.ownership import OwnershipEvent
    from salescli.store.models.setting import TeamSetting
    from salescli.store.models.setting_change import SettingChange
    from salescli.store.models.user import User


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Register every table on SQLModel.metadata."""
    for name in _MODULES:
        __getattr__(name)
