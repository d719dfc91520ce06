"""``python -m benchmarks [--quick] [--repeat N]``: print the infolib-vs-SciPy table."""

from .bench import main

raise SystemExit(main())
