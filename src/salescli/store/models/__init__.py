"""All tables, one module each; importing this registers them on `SQLModel.metadata`.

A later feature (opportunities, leads, targets) adds its module here and a migration.
"""

from salescli.store.models.contact import Contact
from salescli.store.models.customer import Customer, CustomerTag
from salescli.store.models.follow_up import FollowUp
from salescli.store.models.ownership import OwnershipEvent
from salescli.store.models.setting import SettingChange, TeamSetting
from salescli.store.models.user import User

__all__ = ["Contact", "Customer", "CustomerTag", "FollowUp", "OwnershipEvent", "SettingChange", "TeamSetting", "User"]
