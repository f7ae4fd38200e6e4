"""SQLModel models: tables (``table=True``) and the API's read/write shapes."""

from api.models.access_point import (
    AccessPoint,
    AccessPointBase,
    AccessPointCreate,
    AccessPointPublic,
    AccessPointServiceArea,
)
from api.models.accounts import (
    Account,
    AccountCreate,
    AccountOrganization,
    AccountPublic,
    AccountRole,
)
from api.models.change_sequence import CHANGE_SEQUENCE_ROW, ChangeSequence
from api.models.editing import Actor, ApiKey, ApiKeyPublic, Change, ChangeAction, ChangePublic, Role
from api.models.incidents import Incident
from api.models.organization import (
    Closure,
    ClosureCreate,
    ClosurePublic,
    ClosureRead,
    Organization,
    OrganizationCreate,
    OrganizationPublic,
    OrganizationRef,
)
from api.models.reference import Municipality, MunicipalityPublic, Postcode
from api.models.reports import ProblemReport
from api.models.verification import Campaign, CampaignTask

__all__ = [
    "CHANGE_SEQUENCE_ROW",
    "AccessPoint",
    "AccessPointBase",
    "AccessPointCreate",
    "AccessPointPublic",
    "AccessPointServiceArea",
    "Account",
    "AccountCreate",
    "AccountOrganization",
    "AccountPublic",
    "AccountRole",
    "Actor",
    "ApiKey",
    "ApiKeyPublic",
    "Campaign",
    "CampaignTask",
    "Change",
    "ChangeAction",
    "ChangePublic",
    "ChangeSequence",
    "Closure",
    "ClosureCreate",
    "ClosurePublic",
    "ClosureRead",
    "Incident",
    "Municipality",
    "MunicipalityPublic",
    "Organization",
    "OrganizationCreate",
    "OrganizationPublic",
    "OrganizationRef",
    "Postcode",
    "ProblemReport",
    "Role",
]
