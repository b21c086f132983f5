"""Schemathesis drives every operation of /openapi.json with generated input, as an
authenticated seller: no input may produce a server error, and every answer matches the
document (status codes, content types, bodies)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.helpers import (
    new_seller,
)


@pytest.fixture
def api_schema(app):
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    # Every call carries a valid seller token (below): do not generate Authorization headers,
    # or a "missing token" negative case would be answered as the authenticated call it is.
    schema.config.generation.update(with_security_parameters=False)
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def fuzzing_seller(app):
    return new_seller(app, "Fuzzing Seller")


@pytest.mark.slow
@schema.parametrize()
# Derandomized: the same inputs on every run, so CI fails on regressions, not on luck.
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_a_server_error(case, fuzzing_seller):
    # Schema-valid input can still be refused with 422: whether `published_at` lies inside
    # Amazon's window depends on the clock, which no schema can state.
    case.call_and_validate(headers=fuzzing_seller.headers, excluded_checks=[positive_data_acceptance])
