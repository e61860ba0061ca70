import pytest

from compliance.seed import load_catalogs
from risk.seed import load_threats


@pytest.fixture
def rworld(world):
    """The two-team world with controls and the threat catalog loaded."""
    load_catalogs(log=lambda *_: None)
    load_threats(log=lambda *_: None)
    return world
