"""`python -m pipeline.core.lexicon_schemas`: check every shipped lexicon (and --lexicons DIR via the
PIPELINE_LEXICONS environment variable) against its schema; exit 2 naming the file and key on a problem."""

import sys

from pipeline.core.config import ConfigError, check_all_lexicons

try:
    check_all_lexicons()
except ConfigError as e:
    print(e, file=sys.stderr)
    sys.exit(2)
print("every lexicon matches its schema")
