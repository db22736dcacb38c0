from dioptra import pyplugs


@pyplugs.register
def greet(name: str) -> str:
    return f"Hello, {name}!"
