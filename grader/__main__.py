"""`python -m grader` and the `grader` command run the command line."""
import os


def run() -> None:
    """Start the command line. Pydantic's plugins observe validation for tools that trace an application; the
    command never needs them, and looking for them scans every installed package (about 10 ms of a start)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main

    main()


if __name__ == "__main__":
    run()
