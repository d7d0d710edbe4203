#include "cli.h"

#include <iostream>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv, argv + argc);
    return attn::cli::run(args, std::cout, std::cerr);
}
