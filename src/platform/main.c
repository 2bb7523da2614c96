/* smpview: the headless subcommands (src/cli) or the interactive app. */
#include "../cli/cli.h"
#include "platform.h"

int main(int argc, char **argv)
{
    if (argc > 1 && cli_is_command(argv[1]))
        return cli_main(argc, argv);
    return platform_run(argc, argv);
}
