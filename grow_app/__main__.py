from grow_app.entry import main

main()
