#include "cli/cli.h"
#include "cli/clitr.h"

#include <iostream>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv, argv + argc);
    // Messages in the user's language (LANG=zh_CN.UTF-8: Chinese); English otherwise.
    attn::cli::loadTranslation();
    return attn::cli::run(args, std::cout, std::cerr);
}
