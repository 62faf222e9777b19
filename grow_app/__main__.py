from grow_app.cli import main

main()
