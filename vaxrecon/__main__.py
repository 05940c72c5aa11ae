from vaxrecon.cli import main

main()
