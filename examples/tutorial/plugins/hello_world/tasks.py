"""Tutorial part 1: the smallest possible plugin, one task that greets."""

from dioptra import pyplugs


@pyplugs.register
def hello_world(name: str = "World") -> str:
    """Print a greeting and return it, so later steps (and tests) can use it."""
    greeting = f"Hello, {name}!"
    print(greeting)
    return greeting
