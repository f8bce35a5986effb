"""The hostile tests run on the fault tests' stack: our own Redis and Procfile processes."""

from tests.reliability.conftest import stack, stack_app  # noqa: F401  (fixtures)
