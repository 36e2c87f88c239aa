from enum import StrEnum


class Role(StrEnum):
    SUBMITTER = "submitter"  # checks only
    REVIEWER = "reviewer"  # the hold queue
    REGISTER_ADMIN = "register_admin"  # the register
    AUDITOR = "auditor"  # reads the audit trail
    ADMIN = "admin"  # everything
