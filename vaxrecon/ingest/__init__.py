"""Reading registration lists and population extracts."""

import logging

# What reading a file notes is told to the user as a list warning, in their language; the log
# records it for the operator (a handler the caller attaches). Without any handler, Python would
# print the English log line on the terminal.
logging.getLogger(__name__).addHandler(logging.NullHandler())
