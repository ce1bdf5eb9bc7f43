from sysdrill.cli import main

raise SystemExit(main())
