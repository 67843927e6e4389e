"""``python -m annotator.cli``: the ``annotator`` command."""

from annotator.cli import main

if __name__ == "__main__":
    main()
