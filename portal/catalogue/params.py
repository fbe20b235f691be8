"""Path parameter types of the catalogue routes."""

from typing import Annotated

from litestar.params import PathParameter

# Database integer ids: anything outside 1..2^31-1 is a 400, never a database overflow (500).
RowId = Annotated[int, PathParameter(ge=1, le=2_147_483_647)]
