"""`python -m coach` runs the same command line as `coach`."""

from coach.cli import main

if __name__ == "__main__":
    main()
