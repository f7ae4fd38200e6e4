"""Reference lists: themes, municipalities, organizations."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.db import SessionDep
from api.models import MunicipalityPublic, OrganizationPublic
from api.models.common import Region
from api.models.responses import ThemePublic
from api.services.reference import list_municipalities, list_organizations, list_themes

router = APIRouter(prefix="/v1", tags=["reference"])


@router.get("/themes", response_model=list[ThemePublic], summary="The controlled list of themes")
async def themes_endpoint() -> list[ThemePublic]:
    """Every theme id with its French, Dutch and English labels."""
    return list_themes()


@router.get(
    "/municipalities", response_model=list[MunicipalityPublic], summary="Belgian municipalities"
)
def municipalities_endpoint(
    session: SessionDep,
    region: Annotated[Region | None, Query(description="brussels, wallonia or flanders")] = None,
) -> list[MunicipalityPublic]:
    """Municipalities with their Statbel NIS code (2020 list), names, region and postcodes,
    sorted by NIS code: the 19 Brussels communes, the Walloon and the Flemish ones."""
    return list_municipalities(session=session, region=region)


@router.get(
    "/organizations", response_model=list[OrganizationPublic], summary="Who runs access points"
)
def organizations_endpoint(session: SessionDep) -> list[OrganizationPublic]:
    """Every organization, sorted by id."""
    return list_organizations(session=session)
