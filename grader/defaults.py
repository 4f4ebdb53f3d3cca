"""The rubric grader uses when none is named, defined once for the command line and the Python API."""

DEFAULT_RUBRIC_ID = "sino-soviet-alliance"
