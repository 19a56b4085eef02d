from dkg.cli import main

main()
