"""``python -m annotator [PROJECT]`` opens the app."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    main(["gui", *sys.argv[1:]])
