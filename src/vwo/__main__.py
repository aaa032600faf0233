import sys

from vwo.cli import main

sys.exit(main())
