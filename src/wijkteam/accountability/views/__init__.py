"""The pages of accountability: the dashboard and the Wmo-raad's publications."""

from .dashboard import dashboard_view
from .performance import performance_view
from .publications import (
    overview_create,
    overview_detail,
    overview_edit,
    overview_list,
    published_detail,
    published_list,
)

__all__ = [
    "dashboard_view",
    "overview_create",
    "overview_detail",
    "overview_edit",
    "overview_list",
    "performance_view",
    "published_detail",
    "published_list",
]
