from sysdrill.launch import main

raise SystemExit(main())
