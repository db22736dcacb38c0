from dioptra import pyplugs


@pyplugs.register
def shout(text: str) -> str:
    return text.upper()
